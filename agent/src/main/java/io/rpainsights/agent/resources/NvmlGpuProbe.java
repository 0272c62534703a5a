package io.rpainsights.agent.resources;

import io.rpainsights.agent.log.AgentLog;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * GPU utilisation and memory through NVIDIA's NVML: utilisation averaged over the devices, memory
 * in use summed over them. NVML is looked for once, when the probe is opened; where it is missing
 * (no NVIDIA driver, macOS) the probe stays empty, says nothing (one line in debug), and is never
 * looked for again. A device that does not report a figure (utilisation under MIG, say) is left out
 * of that figure; with no device reporting it, the figure is null.
 *
 * <p>Used under the sampler's lock, one thread at a time.
 */
final class NvmlGpuProbe {

  private static final int NVML_SUCCESS = 0;

  // Null once NVML is known to be unusable.
  private NvmlLibrary nvml;
  private final long[] devices;

  private NvmlGpuProbe(NvmlLibrary nvml, long[] devices) {
    this.nvml = nvml;
    this.devices = devices;
  }

  /** A probe that reports no GPU. */
  static NvmlGpuProbe none() {
    return new NvmlGpuProbe(null, new long[0]);
  }

  /**
   * Loads NVML with {@code loader}, initialises it and takes the device handles. Never throws: a
   * missing library or a failing call gives {@link #none()}.
   */
  static NvmlGpuProbe open(Supplier<NvmlLibrary> loader) {
    NvmlLibrary nvml;
    try {
      nvml = loader.get();
    } catch (Throwable e) {
      // The common case on machines without an NVIDIA GPU: not worth a line outside debug.
      if (AgentLog.debug()) {
        AgentLog.info("no GPU figures: NVML not found (" + AgentLog.describe(e) + ")");
      }
      return none();
    }
    try {
      int status = nvml.nvmlInit_v2();
      if (status != NVML_SUCCESS) {
        // The library is there but the driver is not usable (not loaded, no permission...).
        AgentLog.warnOnce("resources.nvml.init", "no GPU figures: nvmlInit_v2 returned " + status);
        return none();
      }
      long[] devices = devices(nvml);
      if (devices.length == 0) {
        nvml.nvmlShutdown();
        return none();
      }
      return new NvmlGpuProbe(nvml, devices);
    } catch (Throwable e) {
      AgentLog.errorOnce("resources.nvml", "no GPU figures: NVML failed", e);
      return none();
    }
  }

  private static long[] devices(NvmlLibrary nvml) {
    int[] count = new int[1];
    if (nvml.nvmlDeviceGetCount_v2(count) != NVML_SUCCESS || count[0] <= 0) {
      return new long[0];
    }
    long[] handles = new long[count[0]];
    int found = 0;
    long[] handle = new long[1];
    for (int i = 0; i < count[0]; i++) {
      // A device this process may not open (NVML_ERROR_NO_PERMISSION) is simply not counted.
      if (nvml.nvmlDeviceGetHandleByIndex_v2(i, handle) == NVML_SUCCESS) {
        handles[found++] = handle[0];
      }
    }
    return Arrays.copyOf(handles, found);
  }

  GpuReading read() {
    if (nvml == null) {
      return GpuReading.NONE;
    }
    try {
      long utilSum = 0;
      int utilDevices = 0;
      long memorySum = 0;
      int memoryDevices = 0;
      int[] utilization = new int[2];
      long[] memory = new long[3];
      for (long device : devices) {
        if (nvml.nvmlDeviceGetUtilizationRates(device, utilization) == NVML_SUCCESS) {
          utilSum += utilization[0];
          utilDevices++;
        }
        if (nvml.nvmlDeviceGetMemoryInfo(device, memory) == NVML_SUCCESS) {
          memorySum += memory[2];
          memoryDevices++;
        }
      }
      return new GpuReading(
          utilDevices == 0 ? null : Rates.clampPct((double) utilSum / utilDevices),
          memoryDevices == 0 ? null : memorySum);
    } catch (Throwable e) {
      AgentLog.errorOnce("resources.nvml.read", "GPU figures stopped: NVML failed", e);
      close();
      return GpuReading.NONE;
    }
  }

  /** Releases NVML; later reads report no GPU. */
  void close() {
    NvmlLibrary open = nvml;
    nvml = null;
    if (open != null) {
      try {
        open.nvmlShutdown();
      } catch (Throwable ignored) {
        // Shutting down is best effort; the process is usually exiting.
      }
    }
  }
}
