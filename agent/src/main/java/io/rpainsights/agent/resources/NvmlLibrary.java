package io.rpainsights.agent.resources;

/**
 * The slice of NVIDIA's NVML C API the GPU probe uses, named exactly as the C functions (JNA binds
 * by name) and typed with plain Java types, so a test can stand in for the library without JNA.
 *
 * <p>Every method returns an {@code nvmlReturn_t} (0 = {@code NVML_SUCCESS}). Out-parameters are
 * arrays shaped like the C structs. A device handle ({@code nvmlDevice_t}, an opaque pointer)
 * travels as a {@code long}: JNA passes a Java long exactly like a pointer on the 64-bit platforms
 * NVML ships for, and {@link NvmlNative} refuses to bind on any other.
 */
interface NvmlLibrary {

  int nvmlInit_v2();

  int nvmlShutdown();

  /** {@code count[0]} = number of devices. */
  int nvmlDeviceGetCount_v2(int[] count);

  /** {@code device[0]} = the handle of device {@code index}. */
  int nvmlDeviceGetHandleByIndex_v2(int index, long[] device);

  /**
   * {@code nvmlUtilization_t}: {@code {gpu %, memory-controller %}} over the driver's last period.
   */
  int nvmlDeviceGetUtilizationRates(long device, int[] utilization);

  /** {@code nvmlMemory_t}: {@code {total, free, used}} in bytes. */
  int nvmlDeviceGetMemoryInfo(long device, long[] memory);
}
