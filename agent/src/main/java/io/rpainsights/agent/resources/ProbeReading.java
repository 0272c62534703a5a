package io.rpainsights.agent.resources;

/**
 * What a {@link ResourceProbe} read at one moment. Counters are cumulative since the process
 * started; the sampler turns them into per-interval figures, so that every probe is measured over
 * the same interval. Null means the source does not expose the figure.
 */
final class ProbeReading {

  /** CPU time (user + system) this process has used since it started, in nanoseconds. */
  final Long processCpuNanos;

  /** Busy share of the machine's CPU since this probe's previous read, 0–100; null on its first. */
  final Double systemCpuPct;

  final Long processRssBytes;

  /** Physical memory in use on the machine: total minus what is available without swapping. */
  final Long systemMemUsedBytes;

  /** Bytes this process has caused to be fetched from storage since it started. */
  final Long processReadBytes;

  /** Bytes this process has caused to be sent to storage since it started. */
  final Long processWriteBytes;

  ProbeReading(
      Long processCpuNanos,
      Double systemCpuPct,
      Long processRssBytes,
      Long systemMemUsedBytes,
      Long processReadBytes,
      Long processWriteBytes) {
    this.processCpuNanos = processCpuNanos;
    this.systemCpuPct = systemCpuPct;
    this.processRssBytes = processRssBytes;
    this.systemMemUsedBytes = systemMemUsedBytes;
    this.processReadBytes = processReadBytes;
    this.processWriteBytes = processWriteBytes;
  }
}
