package io.rpainsights.agent.resources;

import java.util.ArrayList;
import java.util.List;

/** NVML as a test scripts it: devices with fixed figures, status codes to return, calls counted. */
final class FakeNvml implements NvmlLibrary {

  static final int NOT_SUPPORTED = 3;

  /** One device: its handle value and what it reports (a null figure answers NOT_SUPPORTED). */
  static final class Device {
    final long handle;
    final Integer utilPct;
    final Long memUsedBytes;

    Device(long handle, Integer utilPct, Long memUsedBytes) {
      this.handle = handle;
      this.utilPct = utilPct;
      this.memUsedBytes = memUsedBytes;
    }
  }

  final List<Device> devices = new ArrayList<>();
  int initStatus;
  RuntimeException failReads;
  int inits;
  int shutdowns;
  int reads;

  FakeNvml device(long handle, Integer utilPct, Long memUsedBytes) {
    devices.add(new Device(handle, utilPct, memUsedBytes));
    return this;
  }

  @Override
  public int nvmlInit_v2() {
    inits++;
    return initStatus;
  }

  @Override
  public int nvmlShutdown() {
    shutdowns++;
    return 0;
  }

  @Override
  public int nvmlDeviceGetCount_v2(int[] count) {
    count[0] = devices.size();
    return 0;
  }

  @Override
  public int nvmlDeviceGetHandleByIndex_v2(int index, long[] device) {
    device[0] = devices.get(index).handle;
    return 0;
  }

  @Override
  public int nvmlDeviceGetUtilizationRates(long device, int[] utilization) {
    reads++;
    if (failReads != null) {
      throw failReads;
    }
    Device found = find(device);
    if (found.utilPct == null) {
      return NOT_SUPPORTED;
    }
    utilization[0] = found.utilPct;
    utilization[1] = 0;
    return 0;
  }

  @Override
  public int nvmlDeviceGetMemoryInfo(long device, long[] memory) {
    Device found = find(device);
    if (found.memUsedBytes == null) {
      return NOT_SUPPORTED;
    }
    memory[0] = 80L << 30;
    memory[2] = found.memUsedBytes;
    memory[1] = memory[0] - memory[2];
    return 0;
  }

  private Device find(long handle) {
    for (Device device : devices) {
      if (device.handle == handle) {
        return device;
      }
    }
    throw new AssertionError("probe passed an unknown handle " + handle);
  }
}
