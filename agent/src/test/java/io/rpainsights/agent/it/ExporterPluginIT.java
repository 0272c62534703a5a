package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.agent.export.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's own exporter, compiled here into a plugin jar, plugged into the agent of a real sample
 * run through {@code exporters.plugins}: it is started, fed every interval, given the run's final
 * figures at shutdown and closed. Beside it, a plugin whose start fails and one whose constructor
 * throws cost one line each; the application's output is unchanged.
 */
class ExporterPluginIT {

  @TempDir Path dir;

  @Test
  void aPluginJarIsLoadedFedAndClosedWhileBrokenOnesCostALineEach() throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(PluginJars.RECORDING_CLASS, PluginJars.RECORDING_SOURCE);
    sources.put(PluginJars.FAILING_START_CLASS, PluginJars.FAILING_START_SOURCE);
    sources.put(PluginJars.BROKEN_CONSTRUCTOR_CLASS, PluginJars.BROKEN_CONSTRUCTOR_SOURCE);
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    PluginJars.build(
        plugins.resolve("team-exporters.jar"),
        sources,
        List.of(
            PluginJars.FAILING_START_CLASS,
            PluginJars.BROKEN_CONSTRUCTOR_CLASS,
            PluginJars.RECORDING_CLASS));
    Path calls = dir.resolve("calls.txt");

    ForkedJvm.Result plain =
        ForkedJvm.jar(ForkedJvm.SAMPLE_JAR, "--runs", "40", "--pause-ms", "5", "--seed", "8").run();
    ForkedJvm.Result run =
        ForkedJvm.jar(ForkedJvm.SAMPLE_JAR, "--runs", "40", "--pause-ms", "5", "--seed", "8")
            .withAgent("config=" + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath())
            .property("rpa.insights.store.path", dir.resolve("s.db").toString())
            .property("rpa.insights.collector.flushIntervalMs", "50")
            .property("rpa.insights.exporters.plugins", plugins.toString())
            .property("rpa.insights.exporters.intervalMs", "50")
            .property(PluginJars.RECORDING_OUT, calls.toString())
            .run();

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout).isEqualTo(plain.stdout);
    List<String> lines = Files.readAllLines(calls);
    assertThat(lines.get(0)).isEqualTo("start 0.1.0-SNAPSHOT 50 rpa-insights-exporters");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("close");
    List<String> exports = lines.subList(1, lines.size() - 1);
    assertThat(exports).as("periodic exports and the final one").hasSizeGreaterThan(1);
    assertThat(exports).allMatch(line -> line.matches("export \\d+ \\d+ rpa-insights-export-\\d+"));
    assertThat(exports.get(exports.size() - 1))
        .as("the last export carries the run's final figures")
        .startsWith("export " + run.summary("executions") + " " + run.summary("steps") + " ");

    assertThat(run.agentLines()).as(run.toString()).hasSize(3);
    assertThat(run.agentLines())
        .anyMatch(
            line ->
                line.startsWith("[rpa-insights] exporters.plugins: an exporter could not be loaded")
                    && line.contains(PluginJars.BROKEN_CONSTRUCTOR_CLASS))
        .anyMatch(
            line ->
                line.equals(
                    "[rpa-insights] exporter "
                        + PluginJars.FAILING_START_CLASS
                        + " failed to start and is left out:"
                        + " java.lang.IllegalStateException: broker unreachable"));
    assertThat(run.stderr).doesNotContainPattern("(?m)^\\s+at [a-z]");
  }
}
