package io.rpainsights.agent.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an application in a fresh JVM, optionally under the built agent jar, the way users do:
 * {@code java -javaagent:rpa-insights-agent.jar=ARGS ... -jar app.jar} or with a class path.
 */
final class ForkedJvm {

  static final Path AGENT_JAR =
      Paths.get(System.getProperty("agent.jar", "target/rpa-insights-agent.jar"));
  static final Path SAMPLE_JAR =
      Paths.get(System.getProperty("sample.jar", "../sample-workflow/target/sample-workflow.jar"));
  static final Path SAMPLE_CONFIG =
      Paths.get(System.getProperty("sample.config", "../sample-workflow/rpa-insights.yaml"));
  static final Path CONFLICT_APP_JAR =
      Paths.get(
          System.getProperty(
              "conflict.app.jar",
              "../test-apps/conflicting-deps-app/target/conflicting-deps-app.jar"));
  static final Path TEST_CLASSES =
      Paths.get(System.getProperty("test.classes", "target/test-classes"));

  private Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
  private String agentArguments;
  private boolean withAgent;
  private final Map<String, String> systemProperties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private List<String> launch = List.of();
  private Path workingDirectory;
  private long timeoutSeconds = 180;

  static ForkedJvm jar(Path jar, String... arguments) {
    ForkedJvm jvm = new ForkedJvm();
    List<String> command = new ArrayList<>(List.of("-jar", jar.toAbsolutePath().toString()));
    command.addAll(List.of(arguments));
    jvm.launch = command;
    return jvm;
  }

  /** A main class from the agent's test classes (the test applications in io.rpainsights.itapp). */
  static ForkedJvm testApp(Class<?> mainClass, String... arguments) {
    ForkedJvm jvm = new ForkedJvm();
    List<String> command =
        new ArrayList<>(
            List.of("-cp", TEST_CLASSES.toAbsolutePath().toString(), mainClass.getName()));
    command.addAll(List.of(arguments));
    jvm.launch = command;
    return jvm;
  }

  ForkedJvm withAgent(String arguments) {
    this.withAgent = true;
    this.agentArguments = arguments;
    return this;
  }

  ForkedJvm property(String name, String value) {
    systemProperties.put(name, value);
    return this;
  }

  ForkedJvm env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  ForkedJvm jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  ForkedJvm javaHome(Path home) {
    this.java = home.resolve("bin").resolve("java");
    return this;
  }

  ForkedJvm in(Path directory) {
    this.workingDirectory = directory;
    return this;
  }

  ForkedJvm timeoutSeconds(long seconds) {
    this.timeoutSeconds = seconds;
    return this;
  }

  List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    if (withAgent) {
      String agent = "-javaagent:" + AGENT_JAR.toAbsolutePath();
      command.add(agentArguments == null ? agent : agent + "=" + agentArguments);
    }
    systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.addAll(launch);
    return command;
  }

  Process start(Path stdout, Path stderr) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command());
    builder.environment().putAll(environment);
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    builder.redirectOutput(stdout.toFile());
    builder.redirectError(stderr.toFile());
    return builder.start();
  }

  Result run() throws IOException, InterruptedException {
    File out = File.createTempFile("forked", ".out");
    File err = File.createTempFile("forked", ".err");
    try {
      Process process = start(out.toPath(), err.toPath());
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "timed out after " + timeoutSeconds + " s: " + String.join(" ", command()));
      }
      return new Result(
          process.exitValue(),
          Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      out.delete();
      err.delete();
    }
  }

  /** What a forked JVM did. */
  static final class Result {
    final int exitCode;
    final String stdout;
    final String stderr;

    Result(int exitCode, String stdout, String stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    /** The agent's own lines on stderr. */
    List<String> agentLines() {
      List<String> lines = new ArrayList<>();
      for (String line : stderr.split("\n")) {
        if (line.startsWith("[rpa-insights]")) {
          lines.add(line);
        }
      }
      return lines;
    }

    /** The value of {@code key=N} on the SUMMARY line, or -1. */
    long summary(String key) {
      for (String line : stdout.split("\n")) {
        if (line.startsWith("SUMMARY ")) {
          for (String part : line.substring(8).trim().split("\\s+")) {
            String[] pair = part.split("=", 2);
            if (pair[0].equals(key)) {
              return Long.parseLong(pair[1]);
            }
          }
        }
      }
      return -1;
    }

    String summaryLine() {
      for (String line : stdout.split("\n")) {
        if (line.startsWith("SUMMARY ")) {
          return line;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }
}
