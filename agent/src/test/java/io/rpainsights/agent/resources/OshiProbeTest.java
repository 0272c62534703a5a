package io.rpainsights.agent.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** OSHI's figures checked against the kernel's own files and the JVM, read around them. */
class OshiProbeTest {

  @Test
  void agreesWithProcAndTheJvmOnThisLinuxMachine() {
    assumeTrue(Files.isReadable(Paths.get("/proc/self/io")), "needs Linux /proc");
    ProcFs proc = ProcFs.linux();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    OshiProbe probe = new OshiProbe();

    long[] ioBefore = proc.storageBytes();
    long cpuBefore = os.getProcessCpuTime();
    ProbeReading reading = probe.read();
    long cpuAfter = os.getProcessCpuTime();
    long[] ioAfter = proc.storageBytes();
    Long rss = proc.residentSetBytes();
    Long memoryUsed = proc.memoryUsedBytes();

    // Both read /proc/self/io: OSHI's counters lie between two readings taken around it.
    assertThat(reading.processReadBytes).isBetween(ioBefore[0], ioAfter[0]);
    assertThat(reading.processWriteBytes).isBetween(ioBefore[1], ioAfter[1]);
    // OSHI counts CPU in clock ticks (10 ms), the JVM in nanoseconds: allow a few ticks.
    long slackNanos = 50_000_000L;
    assertThat(reading.processCpuNanos).isBetween(cpuBefore - slackNanos, cpuAfter + slackNanos);
    assertThat(reading.processRssBytes).isCloseTo(rss, withinPercentOrMiB(rss, 20, 64));
    assertThat(reading.systemMemUsedBytes)
        .isCloseTo(memoryUsed, withinPercentOrMiB(memoryUsed, 10, 256));

    // The probe keeps the previous CPU ticks: once the kernel's counters have moved, a read
    // reports the busy share of the time in between.
    long ticks = proc.cpuTicks().total;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (proc.cpuTicks().total == ticks && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(probe.read().systemCpuPct).isBetween(0.0, 100.0);
  }

  private static org.assertj.core.data.Offset<Long> withinPercentOrMiB(
      long reference, int percent, int mib) {
    return org.assertj.core.data.Offset.offset(Math.max(reference * percent / 100, mib * 1L << 20));
  }
}
