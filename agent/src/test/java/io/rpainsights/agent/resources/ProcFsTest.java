package io.rpainsights.agent.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

  @TempDir Path root;

  @Test
  void readsTheFiguresFromTheKernelsFormats() throws IOException {
    write(
        "self/status",
        "Name:\tbot-\u00e9\u00ff\n"
            + "Umask:\t0022\n"
            + "VmHWM:\t  900000 kB\n"
            + "VmRSS:\t  123456 kB\n"
            + "RssAnon:\t  100000 kB\n");
    write(
        "meminfo",
        "MemTotal:       16000000 kB\n"
            + "MemFree:         2000000 kB\n"
            + "MemAvailable:    6000000 kB\n"
            + "Buffers:          300000 kB\n");
    write(
        "self/io",
        "rchar: 999999\nwchar: 888888\nsyscr: 10\nsyscw: 5\n"
            + "read_bytes: 40960\nwrite_bytes: 8192\ncancelled_write_bytes: 0\n");
    write("stat", "cpu  10 1 20 300 4 0 5 0 0 0\ncpu0 5 0 10 150 2 0 2 0 0 0\nintr 1 2 3\n");
    ProcFs proc = new ProcFs(root);

    assertThat(proc.residentSetBytes()).isEqualTo(123456L * 1024);
    assertThat(proc.memoryUsedBytes()).isEqualTo((16000000L - 6000000L) * 1024);
    assertThat(proc.storageBytes()).containsExactly(40960L, 8192L);
    CpuTicks ticks = proc.cpuTicks();
    assertThat(ticks.idle).isEqualTo(304);
    assertThat(ticks.total).isEqualTo(340);
  }

  @Test
  void missingFilesGiveNullFigures() {
    ProcFs proc = new ProcFs(root.resolve("absent"));
    assertThat(proc.residentSetBytes()).isNull();
    assertThat(proc.memoryUsedBytes()).isNull();
    assertThat(proc.storageBytes()).isNull();
    assertThat(proc.cpuTicks()).isNull();
  }

  @Test
  void unexpectedContentGivesNullFiguresRatherThanErrors() throws IOException {
    write("self/status", "VmRSS:\t lots\n");
    write("meminfo", "MemTotal:       16000000 kB\n"); // a kernel older than MemAvailable
    write("self/io", "read_bytes: 12\n");
    write("stat", "cpu  10 x 20 300\n");
    ProcFs proc = new ProcFs(root);

    assertThat(proc.residentSetBytes()).isNull();
    assertThat(proc.memoryUsedBytes()).isNull();
    assertThat(proc.storageBytes()).isNull();
    assertThat(proc.cpuTicks()).isNull();
  }

  @Test
  void thisLinuxMachineExposesEveryFigure() {
    assumeTrue(Files.isReadable(Paths.get("/proc/self/status")), "needs Linux /proc");
    ProcFs proc = ProcFs.linux();
    assertThat(proc.residentSetBytes()).isPositive();
    assertThat(proc.memoryUsedBytes()).isPositive();
    assertThat(proc.cpuTicks().total).isPositive();
    assertThat(proc.storageBytes()).hasSize(2);
  }

  private void write(String file, String content) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.write(path, content.getBytes(StandardCharsets.UTF_8));
  }
}
