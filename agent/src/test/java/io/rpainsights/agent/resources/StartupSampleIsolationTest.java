package io.rpainsights.agent.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up sample in a fresh JVM, where class loading and LogManager initialisation can be
 * observed: it must load no OSHI or JNA class and leave the application free to choose its
 * LogManager.
 */
class StartupSampleIsolationTest {

  @TempDir Path dir;

  @Test
  void startUpAndFinalSamplesLoadNeitherOshiNorJnaAndLeaveLoggingToTheApplication()
      throws Exception {
    Child child = run("jdk-only");

    assertThat(child.output)
        .containsEntry("startSample", "true")
        .containsEntry("finalSample", "true");
    assertThat(child.output)
        .as("the application's java.util.logging.manager still takes effect")
        .containsEntry("logManager", StartupSampleMain.ApplicationLogManager.class.getName());
    assertThat(child.loadedClasses)
        .isNotEmpty()
        .noneMatch(name -> name.startsWith("oshi.") || name.startsWith("com.sun.jna."))
        .doesNotContain(
            OshiProbe.class.getName(),
            NvmlNative.class.getName(),
            NvmlNative.Bound.class.getName());
    // G1's MemoryMXBean reads 0 this early; the sampler's figure must not.
    assertThat(Long.parseLong(child.output.get("heapUsedAtStart"))).isPositive();
  }

  @Test
  void readingOshiFirstWouldTakeTheLogManagerFromTheApplication() throws Exception {
    Child child = run("oshi-first");

    assertThat(child.loadedClasses).contains("oshi.SystemInfo", "com.sun.jna.Native");
    assertThat(child.output).containsEntry("logManager", "java.util.logging.LogManager");
  }

  private Child run(String mode) throws IOException, InterruptedException {
    Path classLog = dir.resolve(mode + "-classes.log");
    Path stdout = dir.resolve(mode + "-out.txt");
    Process process =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                StartupSampleMain.class.getName(),
                mode)
            .redirectErrorStream(true)
            .redirectOutput(stdout.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the child JVM did not finish within 60 s");
    }
    List<String> out = Files.readAllLines(stdout, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("child exit, output: %s", out).isZero();
    Map<String, String> values = new HashMap<>();
    for (String line : out) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    // Lines look like: [0.041s][info][class,load] java.lang.Object source: shared objects file
    List<String> classes =
        Files.readAllLines(classLog, StandardCharsets.UTF_8).stream()
            .filter(line -> line.contains("[class,load] "))
            .map(line -> line.substring(line.indexOf("[class,load] ") + 13).split(" ", 2)[0])
            .collect(Collectors.toList());
    return new Child(values, classes);
  }

  private static final class Child {
    final Map<String, String> output;
    final List<String> loadedClasses;

    Child(Map<String, String> output, List<String> loadedClasses) {
      this.output = output;
      this.loadedClasses = loadedClasses;
    }
  }
}
