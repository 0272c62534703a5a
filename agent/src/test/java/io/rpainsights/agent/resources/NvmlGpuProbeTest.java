package io.rpainsights.agent.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rpainsights.agent.log.CapturedAgentLog;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NvmlGpuProbeTest {

  private static final long GIB = 1L << 30;

  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();

  @Test
  void utilisationIsAveragedAndMemorySummedOverDevices() {
    FakeNvml nvml =
        new FakeNvml().device(0x7f00_0000_1000L, 30, GIB).device(0x7f00_0000_2000L, 70, 3 * GIB);
    GpuReading reading = NvmlGpuProbe.open(() -> nvml).read();
    assertThat(reading.utilPct).isEqualTo(50.0);
    assertThat(reading.memUsedBytes).isEqualTo(4 * GIB);
  }

  @Test
  void aDeviceWithoutAFigureIsLeftOutOfThatFigureOnly() {
    // Three devices; the middle one (a MIG-enabled card, say) reports memory but no utilisation.
    FakeNvml nvml =
        new FakeNvml().device(1, 10, GIB).device(2, null, 2 * GIB).device(3, 40, 5 * GIB);
    GpuReading reading = NvmlGpuProbe.open(() -> nvml).read();
    assertThat(reading.utilPct).isEqualTo(25.0);
    assertThat(reading.memUsedBytes).isEqualTo(8 * GIB);
  }

  @Test
  void noDeviceReportingAFigureLeavesItNull() {
    FakeNvml nvml = new FakeNvml().device(1, null, GIB);
    GpuReading reading = NvmlGpuProbe.open(() -> nvml).read();
    assertThat(reading.utilPct).isNull();
    assertThat(reading.memUsedBytes).isEqualTo(GIB);
  }

  @Test
  void aMissingLibraryIsLookedForOnceAndReportsNullSilently() {
    AtomicInteger loads = new AtomicInteger();
    NvmlGpuProbe probe =
        NvmlGpuProbe.open(
            () -> {
              loads.incrementAndGet();
              throw new UnsatisfiedLinkError("libnvidia-ml.so.1: cannot open shared object file");
            });
    for (int i = 0; i < 3; i++) {
      GpuReading reading = probe.read();
      assertThat(reading.utilPct).isNull();
      assertThat(reading.memUsedBytes).isNull();
    }
    assertThat(loads).hasValue(1);
    assertThat(log.text()).isEmpty();
  }

  @Test
  void aDriverThatWillNotInitialiseIsReportedOnceAndGivesNull() {
    FakeNvml nvml = new FakeNvml().device(1, 50, GIB);
    nvml.initStatus = 9; // NVML_ERROR_DRIVER_NOT_LOADED
    NvmlGpuProbe probe = NvmlGpuProbe.open(() -> nvml);
    assertThat(probe.read().utilPct).isNull();
    assertThat(probe.read().memUsedBytes).isNull();
    assertThat(nvml.inits).isEqualTo(1);
    assertThat(nvml.reads).isZero();
    assertThat(log.lines())
        .containsExactly("[rpa-insights] no GPU figures: nvmlInit_v2 returned 9");
  }

  @Test
  void noDevicesMeansNullAndNvmlIsReleased() {
    FakeNvml nvml = new FakeNvml();
    NvmlGpuProbe probe = NvmlGpuProbe.open(() -> nvml);
    assertThat(probe.read().utilPct).isNull();
    assertThat(probe.read().memUsedBytes).isNull();
    assertThat(nvml.shutdowns).isEqualTo(1);
  }

  @Test
  void aFailingReadStopsGpuFiguresWithOneLine() {
    FakeNvml nvml = new FakeNvml().device(1, 50, GIB);
    NvmlGpuProbe probe = NvmlGpuProbe.open(() -> nvml);
    assertThat(probe.read().utilPct).isEqualTo(50.0);
    nvml.failReads = new IllegalStateException("GPU is lost");

    assertThat(probe.read().utilPct).isNull();
    assertThat(probe.read().memUsedBytes).isNull();
    assertThat(nvml.reads).isEqualTo(2);
    assertThat(nvml.shutdowns).isEqualTo(1);
    assertThat(log.lines())
        .singleElement()
        .asString()
        .startsWith("[rpa-insights] GPU figures stopped")
        .contains("GPU is lost");
  }

  @Test
  void closeReleasesNvmlOnce() {
    FakeNvml nvml = new FakeNvml().device(1, 50, GIB);
    NvmlGpuProbe probe = NvmlGpuProbe.open(() -> nvml);
    probe.close();
    probe.close();
    assertThat(nvml.shutdowns).isEqualTo(1);
    assertThat(probe.read().utilPct).isNull();
  }

  @Test
  void withoutAnNvidiaDriverTheRealProbeReportsNullSilently() {
    assumeFalse(
        Files.exists(Paths.get("/proc/driver/nvidia/version")), "this machine has NVIDIA's driver");
    NvmlGpuProbe probe = NvmlGpuProbe.open(NvmlNative::load);
    GpuReading reading = probe.read();
    assertThat(reading.utilPct).isNull();
    assertThat(reading.memUsedBytes).isNull();
    assertThat(log.text()).isEmpty();
  }
}
