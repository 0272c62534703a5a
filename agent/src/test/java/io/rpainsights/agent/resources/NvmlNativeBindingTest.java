package io.rpainsights.agent.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the JNA binding itself (names, out-parameter arrays, handles passed as longs, struct
 * offsets) against a stand-in NVML compiled from C here, since this machine has no NVIDIA GPU.
 */
class NvmlNativeBindingTest {

  private static final String STUB =
      String.join(
          "\n",
          "typedef struct { unsigned int gpu; unsigned int memory; } util_t;",
          "typedef struct { unsigned long long total, free, used; } mem_t;",
          "typedef struct { int id; } device_t;",
          "static device_t devices[2] = {{0}, {1}};",
          "static int initialised = 0;",
          "int nvmlInit_v2(void) { initialised = 1; return 0; }",
          "int nvmlShutdown(void) { initialised = 0; return 0; }",
          "int nvmlDeviceGetCount_v2(unsigned int *count) {",
          "  if (!initialised) return 1;", // NVML_ERROR_UNINITIALIZED
          "  *count = 2; return 0; }",
          "int nvmlDeviceGetHandleByIndex_v2(unsigned int i, device_t **out) {",
          "  if (i > 1) return 2; *out = &devices[i]; return 0; }",
          "static int known(device_t *d) { return d == &devices[0] || d == &devices[1]; }",
          "int nvmlDeviceGetUtilizationRates(device_t *d, util_t *u) {",
          "  if (!known(d)) return 2;", // NVML_ERROR_INVALID_ARGUMENT: the handle did not survive
          "  u->gpu = d->id == 0 ? 30 : 70; u->memory = 99; return 0; }",
          "int nvmlDeviceGetMemoryInfo(device_t *d, mem_t *m) {",
          "  if (!known(d)) return 2;",
          "  m->total = 80ULL << 30;",
          "  m->used = d->id == 0 ? 1ULL << 30 : (3ULL << 30) + 5;",
          "  m->free = m->total - m->used; return 0; }",
          "");

  @TempDir Path dir;

  @Test
  void jnaBindingReadsEveryDeviceThroughTheRealCallingConvention() throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the stub is built for Linux");
    Path library = compileStub();

    NvmlGpuProbe probe = NvmlGpuProbe.open(() -> NvmlNative.load(library.toString()));
    GpuReading reading = probe.read();
    probe.close();

    assertThat(reading.utilPct).isEqualTo(50.0);
    assertThat(reading.memUsedBytes).isEqualTo((4L << 30) + 5);
  }

  private Path compileStub() throws IOException, InterruptedException {
    Path source = dir.resolve("nvml_stub.c");
    Files.write(source, STUB.getBytes(StandardCharsets.US_ASCII));
    Path library = dir.resolve("libnvml_stub.so");
    Process cc;
    try {
      cc =
          new ProcessBuilder("cc", "-shared", "-fPIC", "-o", library.toString(), source.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("cc.log").toFile())
              .start();
    } catch (IOException noCompiler) {
      if (Boolean.getBoolean("rpa.requireExternalTools")) {
        fail("a C compiler (cc) is required: " + noCompiler.getMessage());
      }
      assumeTrue(false, "no C compiler (cc) to build the NVML stand-in");
      throw noCompiler;
    }
    if (!cc.waitFor(60, TimeUnit.SECONDS)) {
      cc.destroyForcibly();
      fail("cc did not finish within 60 s");
    }
    File log = dir.resolve("cc.log").toFile();
    assertThat(cc.exitValue())
        .as("cc output: %s", new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8))
        .isZero();
    return library;
  }
}
