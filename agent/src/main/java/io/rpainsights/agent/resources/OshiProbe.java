package io.rpainsights.agent.resources;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.util.GlobalConfig;

/**
 * Figures from OSHI, which covers Windows and macOS as well as Linux (where it reads the same
 * {@code /proc} files as {@link JdkProbe}). Its objects are created once and reused; a read
 * refreshes only this process's entry, never the process list.
 *
 * <p>Creating it loads JNA, which initialises {@code java.util.logging}: it is created only on the
 * sampler thread, at the first periodic tick, never for the start-up sample. The constructor also
 * takes the first CPU-tick reading, so the first {@link #read} already covers an interval.
 */
final class OshiProbe implements ResourceProbe {

  private final CentralProcessor processor;
  private final GlobalMemory memory;
  private final OSProcess self;

  // Written and read under the sampler's lock.
  private CpuTicks previousTicks;

  OshiProbe() {
    // OSHI caches most figures for 300 ms; the sampler decides how often they are read, and a
    // shorter resources.intervalMs would otherwise get the previous sample's figures again. Read
    // when OSHI creates its objects, so it must come first; it changes only the agent's own copy
    // of OSHI, which lives in the agent's class loader.
    GlobalConfig.set(GlobalConfig.OSHI_UTIL_MEMOIZER_EXPIRATION, 0);
    SystemInfo system = new SystemInfo();
    processor = system.getHardware().getProcessor();
    memory = system.getHardware().getMemory();
    self = system.getOperatingSystem().getCurrentProcess();
    if (self == null) {
      throw new IllegalStateException("OSHI does not see this process");
    }
    previousTicks = ticks();
  }

  @Override
  public ProbeReading read() {
    if (!self.updateAttributes()) {
      throw new IllegalStateException("OSHI could not re-read this process");
    }
    CpuTicks ticks = ticks();
    Double systemCpu = CpuTicks.busyPct(previousTicks, ticks);
    previousTicks = ticks;
    long total = memory.getTotal();
    long available = memory.getAvailable();
    return new ProbeReading(
        (self.getKernelTime() + self.getUserTime()) * 1_000_000L,
        systemCpu,
        positive(self.getResidentSetSize()),
        total > 0 && available >= 0 && available <= total ? total - available : null,
        self.getBytesRead(),
        self.getBytesWritten());
  }

  /** One array read per sample; OSHI's own between-ticks helper would read the counters twice. */
  private CpuTicks ticks() {
    long[] ticks = processor.getSystemCpuLoadTicks();
    long total = 0;
    for (long tick : ticks) {
      total += tick;
    }
    long idle = ticks[TickType.IDLE.getIndex()] + ticks[TickType.IOWAIT.getIndex()];
    return new CpuTicks(idle, total);
  }

  private static Long positive(long value) {
    return value > 0 ? value : null;
  }
}
