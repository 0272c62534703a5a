package io.rpainsights.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.agent.log.CapturedAgentLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ExporterPluginsTest {

  @TempDir Path dir;
  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();

  @AfterEach
  void clearRecordingProperty() {
    System.clearProperty(PluginJars.RECORDING_OUT);
  }

  private List<String> logLines() {
    List<String> lines = new ArrayList<>();
    for (String line : log.text().split("\n")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void aPluginJarIsFoundThroughItsServiceFileInALoaderBelowTheAgents() {
    Path jar =
        PluginJars.build(
            dir.resolve("recording.jar"),
            Map.of(PluginJars.RECORDING_CLASS, PluginJars.RECORDING_SOURCE),
            List.of(PluginJars.RECORDING_CLASS));

    ExporterPlugins plugins = ExporterPlugins.load(List.of(jar));

    assertThat(plugins.exporters()).hasSize(1);
    MetricsExporter exporter = plugins.exporters().get(0);
    assertThat(exporter.getClass().getName()).isEqualTo(PluginJars.RECORDING_CLASS);
    ClassLoader loader = exporter.getClass().getClassLoader();
    assertThat(loader).isSameAs(plugins.loader());
    assertThat(loader.getParent()).isSameAs(MetricsExporter.class.getClassLoader());
    assertThat(logLines()).isEmpty();
  }

  @Test
  void aDirectoryContributesEveryJarInIt() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    PluginJars.build(
        plugins.resolve("a-recording.jar"),
        Map.of(PluginJars.RECORDING_CLASS, PluginJars.RECORDING_SOURCE),
        List.of(PluginJars.RECORDING_CLASS));
    PluginJars.build(
        plugins.resolve("b-failing.jar"),
        Map.of(PluginJars.FAILING_START_CLASS, PluginJars.FAILING_START_SOURCE),
        List.of(PluginJars.FAILING_START_CLASS));
    Files.writeString(plugins.resolve("README.txt"), "not a jar");

    List<String> names = new ArrayList<>();
    for (MetricsExporter exporter : ExporterPlugins.load(List.of(plugins)).exporters()) {
      names.add(exporter.getClass().getName());
    }
    assertThat(names)
        .containsExactlyInAnyOrder(PluginJars.RECORDING_CLASS, PluginJars.FAILING_START_CLASS);
  }

  @Test
  void brokenProvidersAndMissingJarsCostOneLineEachAndTheRestLoads() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(PluginJars.BROKEN_CONSTRUCTOR_CLASS, PluginJars.BROKEN_CONSTRUCTOR_SOURCE);
    sources.put(PluginJars.RECORDING_CLASS, PluginJars.RECORDING_SOURCE);
    Path jar =
        PluginJars.build(
            dir.resolve("mixed.jar"),
            sources,
            List.of(
                PluginJars.BROKEN_CONSTRUCTOR_CLASS,
                "com.example.exporter.DoesNotExist",
                PluginJars.RECORDING_CLASS));

    ExporterPlugins plugins = ExporterPlugins.load(List.of(dir.resolve("missing.jar"), jar));

    assertThat(plugins.exporters())
        .extracting(exporter -> exporter.getClass().getName())
        .containsExactly(PluginJars.RECORDING_CLASS);
    List<String> lines = logLines();
    assertThat(lines)
        .hasSize(3)
        .allMatch(line -> line.startsWith("[rpa-insights] exporters.plugins: "));
    assertThat(lines.get(0)).contains("missing.jar is not a readable jar file; skipped");
    assertThat(lines.get(1)).contains(PluginJars.BROKEN_CONSTRUCTOR_CLASS);
    assertThat(lines.get(2)).contains("com.example.exporter.DoesNotExist");
    assertThat(log.text()).doesNotContain("\tat ");
  }

  @Test
  void aJarWithoutProvidersIsReported() throws Exception {
    Path jar =
        PluginJars.build(
            dir.resolve("empty.jar"),
            Map.of(PluginJars.RECORDING_CLASS, PluginJars.RECORDING_SOURCE),
            List.of("# nothing listed"));
    assertThat(ExporterPlugins.load(List.of(jar)).exporters()).isEmpty();
    assertThat(logLines())
        .singleElement()
        .asString()
        .contains("no io.rpainsights.agent.export.MetricsExporter provider found");
  }

  @Test
  void aLoadedPluginIsStartedFedAndClosedByTheHost() throws Exception {
    Path out = dir.resolve("calls.txt");
    System.setProperty(PluginJars.RECORDING_OUT, out.toString());
    Path jar =
        PluginJars.build(
            dir.resolve("recording.jar"),
            Map.of(PluginJars.RECORDING_CLASS, PluginJars.RECORDING_SOURCE),
            List.of(PluginJars.RECORDING_CLASS));
    ExporterPlugins plugins = ExporterPlugins.load(List.of(jar));
    ExporterHost host = new ExporterHost("9.9", "h", 7, () -> Snapshots.withExecutions(12, 40));
    host.add("recording", plugins.exporters().get(0), 60_000, plugins.loader());
    host.shutdown(10_000);

    List<String> calls = Files.readAllLines(out);
    assertThat(calls).hasSize(3);
    assertThat(calls.get(0)).isEqualTo("start 9.9 60000 rpa-insights-exporters");
    assertThat(calls.get(1)).startsWith("export 12 40 rpa-insights-export-");
    assertThat(calls.get(2)).isEqualTo("close");
    assertThat(logLines()).isEmpty();
  }
}
