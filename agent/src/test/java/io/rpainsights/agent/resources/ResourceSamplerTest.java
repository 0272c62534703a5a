package io.rpainsights.agent.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rpainsights.agent.event.ResourceSample;
import io.rpainsights.agent.log.CapturedAgentLog;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResourceSamplerTest {

  private static final long HOUR_MS = 3_600_000L;

  private final BlockingQueue<ResourceSample> delivered = new LinkedBlockingQueue<>();
  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();
  private final List<ResourceSampler> samplers = new ArrayList<>();

  @AfterEach
  void stopSamplers() {
    samplers.forEach(ResourceSampler::shutdown);
  }

  @Test
  void aSampleHasPlausibleFiguresOnThisLinuxMachine() {
    assumeTrue(Files.isReadable(Paths.get("/proc/self/status")), "needs Linux /proc");
    ResourceSample sample =
        track(new ResourceSampler(HOUR_MS, () -> 3, delivered::add)).sampleNow();

    assertThat(sample.ts)
        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    assertThat(sample.processRssBytes).isPositive();
    assertThat(sample.heapUsedBytes).isPositive();
    assertThat(sample.processCpuPct).isBetween(0.0, 100.0);
    assertThat(sample.systemMemUsedBytes).isPositive();
    assertThat(sample.runningExecutions).isEqualTo(3);
    // No NVIDIA GPU here, and the start-up path does not even look for one.
    assertThat(sample.gpuUtilPct).isNull();
    assertThat(sample.gpuMemUsedBytes).isNull();
    assertThat(delivered).as("sampleNow() does not deliver").isEmpty();
  }

  @Test
  void diskAndSystemCpuAreNullOnTheFirstSampleAndMeasuredAfterwards() {
    assumeTrue(Files.isReadable(Paths.get("/proc/self/io")), "needs Linux /proc");
    ResourceSampler sampler = track(new ResourceSampler(HOUR_MS, () -> 0, delivered::add));

    ResourceSample first = sampler.sampleNow();
    assertThat(first.diskReadBytes).isNull();
    assertThat(first.diskWriteBytes).isNull();
    assertThat(first.systemCpuPct).isNull();

    waitForCpuTicksToMove();
    ResourceSample second = sampler.sampleNow();
    assertThat(second.diskReadBytes).isNotNull().isNotNegative();
    assertThat(second.diskWriteBytes).isNotNull().isNotNegative();
    assertThat(second.systemCpuPct).isBetween(0.0, 100.0);
    assertThat(second.processCpuPct).isBetween(0.0, 100.0);
  }

  @Test
  void startDeliversASampleRightAwayAndShutdownAFinalOne() throws InterruptedException {
    ResourceSampler sampler = track(new ResourceSampler(HOUR_MS, () -> 1, delivered::add));
    sampler.start();
    ResourceSample atStart = delivered.poll(10, TimeUnit.SECONDS);
    assertThat(atStart).as("start-up sample").isNotNull();
    assertThat(sampler.thread().getName()).isEqualTo("rpa-insights-resources");
    assertThat(sampler.thread().isDaemon()).isTrue();

    sampler.shutdown();
    ResourceSample atShutdown = delivered.poll();
    assertThat(atShutdown).as("final sample").isNotNull();
    assertThat(atShutdown.ts).isGreaterThanOrEqualTo(atStart.ts);

    sampler.shutdown();
    sampler.start();
    sampler.thread().join(10_000);
    assertThat(sampler.thread().isAlive()).isFalse();
    assertThat(delivered).as("nothing after the final sample").isEmpty();
  }

  @Test
  void periodicTicksArriveAboutEveryInterval() throws InterruptedException {
    long intervalMs = 100;
    ResourceSampler sampler =
        track(
            new ResourceSampler(
                intervalMs,
                () -> 0,
                delivered::add,
                JdkProbe::new,
                JdkProbe::new,
                NvmlGpuProbe::none));
    sampler.start();
    List<ResourceSample> samples = new ArrayList<>();
    int wanted = 6; // the start-up sample and five ticks
    while (samples.size() < wanted) {
      ResourceSample sample = delivered.poll(10, TimeUnit.SECONDS);
      assertThat(sample).as("sample %d within 10 s", samples.size() + 1).isNotNull();
      samples.add(sample);
    }
    long firstTick = samples.get(1).ts;
    long lastTick = samples.get(wanted - 1).ts;
    double meanGapMs = (lastTick - firstTick) / (double) (wanted - 2);
    // Ticks follow a fixed schedule and never fire early, but one tick may be late and the next on
    // time; on a busy build machine they may all be late, hence the generous bounds.
    assertThat(meanGapMs).isBetween(intervalMs * 0.5, intervalMs * 5.0);
  }

  @Test
  void withTheRealSourcesOshiTakesOverQuietlyAndFiguresStayPlausible() {
    assumeTrue(Files.isReadable(Paths.get("/proc/self/io")), "needs Linux /proc");
    ResourceSampler sampler = track(new ResourceSampler(HOUR_MS, () -> 4, delivered::add));
    sampler.sampleNow();
    sampler.tick(); // loads OSHI and looks for NVML
    waitForCpuTicksToMove();
    sampler.tick(); // the first sample from OSHI

    List<ResourceSample> samples = new ArrayList<>(delivered);
    assertThat(samples).hasSize(2);
    for (ResourceSample sample : samples) {
      assertThat(sample.processCpuPct).isBetween(0.0, 100.0);
      assertThat(sample.systemCpuPct).isBetween(0.0, 100.0);
      assertThat(sample.processRssBytes).isPositive();
      assertThat(sample.heapUsedBytes).isPositive();
      assertThat(sample.systemMemUsedBytes).isPositive();
      assertThat(sample.diskReadBytes).isNotNull().isNotNegative();
      assertThat(sample.diskWriteBytes).isNotNull().isNotNegative();
      assertThat(sample.runningExecutions).isEqualTo(4);
    }
    if (!Files.exists(Paths.get("/proc/driver/nvidia/version"))) {
      assertThat(samples.get(1).gpuUtilPct).isNull();
      assertThat(samples.get(1).gpuMemUsedBytes).isNull();
    }
    assertThat(log.text()).as("OSHI loads here without a word").isEmpty();
  }

  @Test
  void theStartUpSampleComesFromTheJdkProbeAndOshiStartsAtTheFirstTick() {
    CountingProbe oshi = new CountingProbe(false);
    AtomicInteger oshiCreated = new AtomicInteger();
    AtomicInteger gpuOpened = new AtomicInteger();
    ResourceSampler sampler =
        track(
            new ResourceSampler(
                HOUR_MS,
                () -> 0,
                delivered::add,
                JdkProbe::new,
                counting(oshiCreated, oshi),
                () -> {
                  gpuOpened.incrementAndGet();
                  return NvmlGpuProbe.none();
                }));

    sampler.sampleNow();
    assertThat(oshiCreated).as("OSHI created for the start-up sample").hasValue(0);
    assertThat(gpuOpened).as("NVML opened for the start-up sample").hasValue(0);

    sampler.tick();
    assertThat(oshiCreated).hasValue(1);
    assertThat(gpuOpened).hasValue(1);
    assertThat(oshi.reads).as("first tick still samples from the JDK probe").hasValue(0);

    sampler.tick();
    sampler.tick();
    assertThat(oshi.reads).as("later ticks sample from OSHI").hasValue(2);
    assertThat(oshiCreated).as("OSHI is created once").hasValue(1);
    List<ResourceSample> samples = new ArrayList<>(delivered);
    assertThat(samples).hasSize(3);
    assertThat(samples.get(0).processRssBytes).isNotEqualTo(CountingProbe.RSS);
    assertThat(samples.get(2).processRssBytes).isEqualTo(CountingProbe.RSS);
  }

  @Test
  void nativeSourcesWaitForTheLoggingGate() {
    AtomicInteger opened = new AtomicInteger();
    AtomicBoolean gateOpen = new AtomicBoolean();
    ResourceSampler sampler =
        track(
            new ResourceSampler(
                HOUR_MS,
                () -> 0,
                delivered::add,
                JdkProbe::new,
                () -> {
                  opened.incrementAndGet();
                  return new JdkProbe();
                },
                NvmlGpuProbe::none,
                gateOpen::get));

    sampler.tick();
    sampler.tick();
    assertThat(opened).as("closed gate: no native source yet").hasValue(0);
    assertThat(delivered).as("the JDK probe samples meanwhile").hasSize(2);

    gateOpen.set(true);
    sampler.tick();
    sampler.tick();
    assertThat(opened).as("opened once, at the first tick the gate allows").hasValue(1);
  }

  @Test
  void anOshiProbeThatThrowsIsReplacedByTheFallbackWithOneLogLine() {
    assumeTrue(Files.isReadable(Paths.get("/proc/self/status")), "needs Linux /proc");
    CountingProbe failing = new CountingProbe(true);
    ResourceSampler sampler =
        track(
            new ResourceSampler(
                HOUR_MS,
                () -> 2,
                delivered::add,
                JdkProbe::new,
                () -> failing,
                NvmlGpuProbe::none));

    for (int i = 0; i < 4; i++) {
      sampler.tick();
    }

    assertThat(failing.reads)
        .as("the failing probe is dropped after its first failure")
        .hasValue(1);
    assertThat(delivered).hasSize(4);
    for (ResourceSample sample : delivered) {
      assertThat(sample.processRssBytes).isPositive().isNotEqualTo(CountingProbe.RSS);
      assertThat(sample.runningExecutions).isEqualTo(2);
    }
    assertThat(log.lines())
        .singleElement()
        .asString()
        .startsWith("[rpa-insights] OSHI unavailable")
        .contains("UnsatisfiedLinkError");
  }

  @Test
  void oshiThatCannotLoadIsReportedOnceAndSamplingGoesOn() {
    ResourceSampler sampler =
        track(
            new ResourceSampler(
                HOUR_MS,
                () -> 0,
                delivered::add,
                JdkProbe::new,
                () -> {
                  throw new NoClassDefFoundError("oshi/SystemInfo");
                },
                NvmlGpuProbe::none));

    sampler.tick();
    sampler.tick();
    sampler.shutdown();

    assertThat(delivered).hasSize(3);
    assertThat(log.lines())
        .singleElement()
        .asString()
        .startsWith("[rpa-insights] OSHI unavailable")
        .contains("oshi/SystemInfo");
  }

  @Test
  void failingSuppliersAndSinksNeverStopTheSampler() {
    AtomicInteger offered = new AtomicInteger();
    ResourceSampler sampler =
        track(
            new ResourceSampler(
                HOUR_MS,
                () -> {
                  throw new IllegalStateException("registry closed");
                },
                sample -> {
                  offered.incrementAndGet();
                  throw new IllegalStateException("queue closed");
                },
                JdkProbe::new,
                JdkProbe::new,
                NvmlGpuProbe::none));

    assertThat(sampler.sampleNow().runningExecutions).isNull();
    sampler.tick();
    sampler.tick();
    sampler.shutdown();

    assertThat(offered).hasValue(3);
    assertThat(log.lines()).hasSize(3).allMatch(line -> line.startsWith("[rpa-insights] "));
  }

  @Test
  void aNonPositiveIntervalIsRefusedWithItsSettingName() {
    assertThatThrownBy(() -> new ResourceSampler(0, () -> 0, sample -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resources.intervalMs");
  }

  private ResourceSampler track(ResourceSampler sampler) {
    samplers.add(sampler);
    return sampler;
  }

  private static Supplier<ResourceProbe> counting(AtomicInteger created, ResourceProbe probe) {
    return () -> {
      created.incrementAndGet();
      return probe;
    };
  }

  /** Waits until the kernel's CPU counters have moved, so an interval figure has ticks to use. */
  private static void waitForCpuTicksToMove() {
    ProcFs proc = ProcFs.linux();
    long ticks = proc.cpuTicks().total;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (proc.cpuTicks().total == ticks && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  /** A stand-in for the OSHI probe: fixed figures, reads counted, or a native failure. */
  static final class CountingProbe implements ResourceProbe {
    static final long RSS = 7L << 20;

    final AtomicInteger reads = new AtomicInteger();
    private final boolean fail;

    CountingProbe(boolean fail) {
      this.fail = fail;
    }

    @Override
    public ProbeReading read() {
      reads.incrementAndGet();
      if (fail) {
        throw new UnsatisfiedLinkError("libjnidispatch.so: failed to map segment");
      }
      return new ProbeReading(1_000_000L, 5.0, RSS, 1L << 30, 0L, 0L);
    }
  }
}
