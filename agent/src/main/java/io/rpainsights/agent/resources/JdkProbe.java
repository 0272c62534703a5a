package io.rpainsights.agent.resources;

import java.lang.management.ManagementFactory;

/**
 * Figures from the JVM's own {@code com.sun.management.OperatingSystemMXBean} and, on Linux, {@code
 * /proc}. It loads no native library and does not touch {@code java.util.logging}, which is why it
 * takes the start-up sample, and it is what the sampler falls back to when OSHI cannot run.
 *
 * <p>Off Linux it has no resident set size and no disk I/O (null); system memory then comes from
 * the MXBean's total minus free physical memory, which counts the page cache as used.
 */
final class JdkProbe implements ResourceProbe {

  private final ProcFs proc;

  // Written and read under the sampler's lock.
  private com.sun.management.OperatingSystemMXBean os;
  private boolean osLooked;
  private CpuTicks previousTicks;
  private boolean cpuLoadPrimed;

  JdkProbe() {
    this(ProcFs.linux());
  }

  JdkProbe(ProcFs proc) {
    this.proc = proc;
  }

  @Override
  public ProbeReading read() {
    long[] storage = guarded(proc::storageBytes);
    return new ProbeReading(
        guarded(this::processCpuNanos),
        guarded(this::systemCpuPct),
        guarded(proc::residentSetBytes),
        guarded(this::systemMemUsedBytes),
        storage == null ? null : storage[0],
        storage == null ? null : storage[1]);
  }

  private Long processCpuNanos() {
    com.sun.management.OperatingSystemMXBean bean = os();
    long nanos = bean == null ? -1 : bean.getProcessCpuTime();
    return nanos >= 0 ? nanos : null;
  }

  private Double systemCpuPct() {
    CpuTicks ticks = proc.cpuTicks();
    if (ticks != null) {
      Double pct = CpuTicks.busyPct(previousTicks, ticks);
      previousTicks = ticks;
      return pct;
    }
    com.sun.management.OperatingSystemMXBean bean = os();
    if (bean == null) {
      return null;
    }
    // The MXBean measures from its own previous call; HotSpot answers 0 to the first one, which
    // would read as an idle machine, so the first answer is discarded.
    double load = bean.getSystemCpuLoad();
    if (!cpuLoadPrimed) {
      cpuLoadPrimed = true;
      return null;
    }
    return load >= 0 ? Rates.clampPct(load * 100) : null;
  }

  private Long systemMemUsedBytes() {
    Long used = proc.memoryUsedBytes();
    if (used != null) {
      return used;
    }
    com.sun.management.OperatingSystemMXBean bean = os();
    if (bean == null) {
      return null;
    }
    long total = bean.getTotalPhysicalMemorySize();
    long free = bean.getFreePhysicalMemorySize();
    return total > 0 && free >= 0 && free <= total ? total - free : null;
  }

  /** Looked up on first use, so constructing the probe costs nothing on the start-up path. */
  private com.sun.management.OperatingSystemMXBean os() {
    if (!osLooked) {
      osLooked = true;
      java.lang.management.OperatingSystemMXBean bean =
          ManagementFactory.getOperatingSystemMXBean();
      if (bean instanceof com.sun.management.OperatingSystemMXBean) {
        os = (com.sun.management.OperatingSystemMXBean) bean;
      }
    }
    return os;
  }

  /** One figure that fails is null; the others still count. */
  private static <T> T guarded(java.util.function.Supplier<T> figure) {
    try {
      return figure.get();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
