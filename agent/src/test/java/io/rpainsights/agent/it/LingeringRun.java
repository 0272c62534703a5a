package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample engine under the agent in a forked JVM that stays alive after its run ({@link
 * LingeringSample}), launched with {@code -jar} like the real sample: a small launcher jar whose
 * manifest class path names the test classes and the sample jar.
 */
final class LingeringRun implements AutoCloseable {

  private static final Pattern SERVING =
      Pattern.compile("\\[rpa-insights\\] prometheus: serving (http://\\S+/metrics)");

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private LingeringRun(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** A {@code -jar} launcher for {@link LingeringSample}, written into {@code dir}. */
  static ForkedJvm jvm(Path dir, String... sampleArguments) throws IOException {
    Path launcher = dir.resolve("lingering-sample.jar");
    if (!Files.exists(launcher)) {
      Manifest manifest = new Manifest();
      Attributes main = manifest.getMainAttributes();
      main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
      main.put(Attributes.Name.MAIN_CLASS, LingeringSample.class.getName());
      main.put(
          Attributes.Name.CLASS_PATH,
          relative(dir, ForkedJvm.TEST_CLASSES) + "/ " + relative(dir, ForkedJvm.SAMPLE_JAR));
      try (OutputStream out = Files.newOutputStream(launcher);
          JarOutputStream jar = new JarOutputStream(out, manifest)) {
        jar.flush();
      }
    }
    return ForkedJvm.jar(launcher, sampleArguments);
  }

  private static String relative(Path from, Path to) {
    return from.toAbsolutePath()
        .normalize()
        .relativize(to.toAbsolutePath().normalize())
        .toString()
        .replace('\\', '/')
        .replace(" ", "%20");
  }

  /** Starts {@code jvm} and waits until the run is over and the JVM lingers. */
  static LingeringRun start(ForkedJvm jvm, Path dir) throws Exception {
    Path out = Files.createTempFile(dir, "lingering", ".out");
    Path err = Files.createTempFile(dir, "lingering", ".err");
    LingeringRun run = new LingeringRun(jvm.start(out, err), out, err);
    try {
      run.await(
          () -> run.stdout().contains(LingeringSample.READY + "\n") || !run.process.isAlive(),
          180,
          "the sample run to end");
      assertThat(run.process.isAlive()).as("still alive after the run: %s", run).isTrue();
      return run;
    } catch (Throwable e) {
      run.close();
      throw e;
    }
  }

  /** Waits for {@code condition}, checking every 20 ms, for at most {@code seconds}. */
  void await(BooleanSupplier condition, long seconds, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "timed out after " + seconds + " s waiting for " + what + ": " + this);
      }
      Thread.sleep(20);
    }
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  long pid() {
    return process.pid();
  }

  /** The URL of the endpoint, as the agent logged it. */
  String metricsUrl() {
    Matcher matcher = SERVING.matcher(stderr());
    assertThat(matcher.find()).as("the agent names its endpoint: %s", this).isTrue();
    return matcher.group(1);
  }

  /** The SUMMARY line's value of {@code key}. */
  long summary(String key) {
    return new ForkedJvm.Result(0, stdout(), "").summary(key);
  }

  List<String> agentLines() {
    List<String> lines = new ArrayList<>();
    for (String line : stderr().split("\n")) {
      if (line.startsWith("[rpa-insights]")) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** Closes the JVM's input, so it ends as an application does, and returns its exit code. */
  int finish() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the lingering JVM did not end: " + this);
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public String toString() {
    return "--- stdout\n" + stdout() + "\n--- stderr\n" + stderr();
  }
}
