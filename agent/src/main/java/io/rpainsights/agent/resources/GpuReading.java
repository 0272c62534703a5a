package io.rpainsights.agent.resources;

/** GPU figures of one sample: null where no GPU or no driver exposes them. */
final class GpuReading {

  static final GpuReading NONE = new GpuReading(null, null);

  /** Utilisation averaged over the devices that report it, 0–100. */
  final Double utilPct;

  /** Memory in use summed over the devices that report it. */
  final Long memUsedBytes;

  GpuReading(Double utilPct, Long memUsedBytes) {
    this.utilPct = utilPct;
    this.memUsedBytes = memUsedBytes;
  }
}
