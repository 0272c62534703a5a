package io.rpainsights.agent.event;

/**
 * One sample of process and host resources: becomes a {@code resources} row. A figure the platform
 * does not expose is null, never zero.
 */
public final class ResourceSample extends Event {
  /** Epoch milliseconds UTC. */
  public final long ts;

  public final Double processCpuPct;
  public final Double systemCpuPct;
  public final Long processRssBytes;
  public final Long heapUsedBytes;
  public final Long systemMemUsedBytes;

  /** Bytes read from / written to disk since the previous sample (null for the first). */
  public final Long diskReadBytes;

  public final Long diskWriteBytes;
  public final Double gpuUtilPct;
  public final Long gpuMemUsedBytes;
  public final Integer runningExecutions;

  public ResourceSample(
      long ts,
      Double processCpuPct,
      Double systemCpuPct,
      Long processRssBytes,
      Long heapUsedBytes,
      Long systemMemUsedBytes,
      Long diskReadBytes,
      Long diskWriteBytes,
      Double gpuUtilPct,
      Long gpuMemUsedBytes,
      Integer runningExecutions) {
    this.ts = ts;
    this.processCpuPct = processCpuPct;
    this.systemCpuPct = systemCpuPct;
    this.processRssBytes = processRssBytes;
    this.heapUsedBytes = heapUsedBytes;
    this.systemMemUsedBytes = systemMemUsedBytes;
    this.diskReadBytes = diskReadBytes;
    this.diskWriteBytes = diskWriteBytes;
    this.gpuUtilPct = gpuUtilPct;
    this.gpuMemUsedBytes = gpuMemUsedBytes;
    this.runningExecutions = runningExecutions;
  }

  @Override
  public Kind kind() {
    return Kind.RESOURCE_SAMPLE;
  }
}
