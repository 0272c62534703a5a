package io.rpainsights.agent.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real exporter plugin jars for tests: compiles Java sources against the agent's classes
 * with the system compiler and packs them with a {@code META-INF/services} file, the way a team
 * would ship its own exporter.
 */
public final class PluginJars {

  /** The system property the recording plugin appends its calls to (a file path). */
  public static final String RECORDING_OUT = "recording.exporter.out";

  public static final String RECORDING_CLASS = "com.example.exporter.RecordingExporter";

  /**
   * Appends one line per call to the file named by {@link #RECORDING_OUT}: {@code start VERSION
   * INTERVAL LOADER}, {@code export EXECUTIONS STEPS THREAD}, {@code close}.
   */
  public static final String RECORDING_SOURCE =
      String.join(
          "\n",
          "package com.example.exporter;",
          "import io.rpainsights.agent.export.*;",
          "import java.nio.charset.StandardCharsets;",
          "import java.nio.file.*;",
          "public final class RecordingExporter implements MetricsExporter {",
          "  private Path out;",
          "  @Override public void start(ExporterContext context) throws Exception {",
          "    out = Paths.get(System.getProperty(\"" + RECORDING_OUT + "\"));",
          "    append(\"start \" + context.agentVersion() + \" \" + context.intervalMs() + \" \"",
          "        + getClass().getClassLoader().getName());",
          "  }",
          "  @Override public void export(MetricsSnapshot snapshot) throws Exception {",
          "    append(\"export \" + total(snapshot, \"rpa_workflow_executions_total\") + \" \"",
          "        + total(snapshot, \"rpa_step_executions_total\") + \" \"",
          "        + Thread.currentThread().getName());",
          "  }",
          "  @Override public void close() throws Exception { append(\"close\"); }",
          "  private static long total(MetricsSnapshot snapshot, String name) {",
          "    MetricFamily family = snapshot.family(name);",
          "    return family == null ? 0 : (long) family.total();",
          "  }",
          "  private void append(String line) throws Exception {",
          "    Files.write(out, (line + \"\\n\").getBytes(StandardCharsets.UTF_8),",
          "        StandardOpenOption.CREATE, StandardOpenOption.APPEND);",
          "  }",
          "}",
          "");

  public static final String FAILING_START_CLASS = "com.example.exporter.FailingStartExporter";

  public static final String FAILING_START_SOURCE =
      String.join(
          "\n",
          "package com.example.exporter;",
          "import io.rpainsights.agent.export.*;",
          "public final class FailingStartExporter implements MetricsExporter {",
          "  @Override public void start(ExporterContext context) {",
          "    throw new IllegalStateException(\"broker unreachable\");",
          "  }",
          "  @Override public void export(MetricsSnapshot snapshot) {",
          "    throw new AssertionError(\"never exported after a failed start\");",
          "  }",
          "}",
          "");

  public static final String BROKEN_CONSTRUCTOR_CLASS =
      "com.example.exporter.BrokenConstructorExporter";

  public static final String BROKEN_CONSTRUCTOR_SOURCE =
      String.join(
          "\n",
          "package com.example.exporter;",
          "import io.rpainsights.agent.export.*;",
          "public final class BrokenConstructorExporter implements MetricsExporter {",
          "  public BrokenConstructorExporter() { throw new IllegalStateException(\"no config\"); }",
          "  @Override public void export(MetricsSnapshot snapshot) {}",
          "}",
          "");

  private PluginJars() {}

  /**
   * Compiles {@code sources} (class name to source) into {@code jar}, whose service file lists
   * {@code providers} in order (a provider may name a class that does not exist).
   */
  public static Path build(Path jar, Map<String, String> sources, List<String> providers) {
    try {
      Path work = Files.createTempDirectory(jar.getParent(), "plugin-src");
      Path classes = Files.createDirectories(work.resolve("classes"));
      List<String> arguments =
          new ArrayList<>(List.of("--release", "11", "-d", classes.toString()));
      arguments.add("-cp");
      arguments.add(agentClasses().toString());
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = work.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        arguments.add(file.toString());
      }
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      if (compiler == null) {
        throw new IllegalStateException("no system Java compiler (a JRE, not a JDK?)");
      }
      int status = compiler.run(null, null, null, arguments.toArray(new String[0]));
      if (status != 0) {
        throw new IllegalStateException("plugin sources did not compile: " + status);
      }
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        out.putNextEntry(new JarEntry("META-INF/services/" + MetricsExporter.class.getName()));
        out.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
        try (Stream<Path> files = Files.walk(classes)) {
          for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
            copy(file, out);
            out.closeEntry();
          }
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path file, OutputStream out) throws IOException {
    out.write(Files.readAllBytes(file));
  }

  /** Where this JVM loaded the SPI from (the agent module's classes). */
  private static Path agentClasses() {
    try {
      return Paths.get(
          MetricsExporter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
