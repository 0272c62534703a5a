package io.rpainsights.agent.config;

import static io.rpainsights.agent.config.ConfigFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exporters.plugins} and {@code exporters.intervalMs}, the settings of the exporter SPI. */
class ExporterSettingsTest {

  @TempDir Path dir;

  private final Properties properties = new Properties();
  private final Map<String, String> env = new HashMap<>();

  private ConfigLoader.Result load(String agentArgs) {
    return ConfigLoader.load(agentArgs, properties, env, dir);
  }

  private AgentConfig loadOk(String agentArgs) {
    ConfigLoader.Result result = load(agentArgs);
    assertThat(result.fatal()).as("fatal").isNull();
    // These files have no rules, which is worth a warning of its own; none may be about exporters.
    assertThat(result.warnings()).as("warnings").noneMatch(w -> w.contains("exporters"));
    return result.config();
  }

  @Test
  void noPluginsAndAMinuteByDefault() {
    write(dir, "bot.yaml", "enabled: true");
    AgentConfig config = loadOk("config=bot.yaml");
    assertThat(config.exporterPlugins()).isEmpty();
    assertThat(config.exporterIntervalMs()).isEqualTo(60000);
    assertThat(AgentConfig.defaults().exporterPlugins()).isEmpty();
    assertThat(AgentConfig.defaults().exporterIntervalMs()).isEqualTo(60000);
  }

  @Test
  void aListOfJarsAndDirectoriesResolvesAgainstTheWorkingDirectory() {
    write(
        dir,
        "bot.yaml",
        "exporters:",
        "  json: { dir: snapshots, intervalMs: 5000 }",
        "  plugins: [plugins/kafka-exporter.jar, /opt/rpa/exporters]",
        "  intervalMs: 15000");
    AgentConfig config = loadOk("config=bot.yaml");
    assertThat(config.exporterPlugins())
        .containsExactly(dir.resolve("plugins/kafka-exporter.jar"), Path.of("/opt/rpa/exporters"));
    assertThat(config.exporterIntervalMs()).isEqualTo(15000);
    assertThat(config.jsonExportDir()).isEqualTo(dir.resolve("snapshots"));
    assertThat(config.jsonExportIntervalMs()).isEqualTo(5000);
  }

  @Test
  void aSingleStringOrNullIsAcceptedInTheFile() {
    write(dir, "one.yaml", "exporters:", "  plugins: exporter.jar");
    assertThat(loadOk("config=one.yaml").exporterPlugins())
        .containsExactly(dir.resolve("exporter.jar"));
    write(dir, "none.yaml", "exporters:", "  plugins: null");
    assertThat(loadOk("config=none.yaml").exporterPlugins()).isEmpty();
    write(dir, "json.json", "{\"exporters\": {\"plugins\": [\"a.jar\", \"b.jar\"]}}");
    assertThat(loadOk("config=json.json").exporterPlugins())
        .containsExactly(dir.resolve("a.jar"), dir.resolve("b.jar"));
  }

  @Test
  void overridesJoinPathsWithThePathSeparatorLikeAClassPath() {
    write(dir, "bot.yaml", "exporters:", "  plugins: [ignored.jar]");
    properties.setProperty(
        "rpa.insights.exporters.plugins", "a.jar" + File.pathSeparator + "/abs/dir");
    properties.setProperty("rpa.insights.exporters.intervalMs", "250");
    AgentConfig config = loadOk("config=bot.yaml");
    assertThat(config.exporterPlugins()).containsExactly(dir.resolve("a.jar"), Path.of("/abs/dir"));
    assertThat(config.exporterIntervalMs()).isEqualTo(250);

    env.put("RPA_INSIGHTS_EXPORTERS_PLUGINS", "from-env.jar");
    assertThat(loadOk("config=bot.yaml,exporters.plugins=from-argument.jar").exporterPlugins())
        .as("an agent argument wins over the system property and the environment")
        .containsExactly(dir.resolve("from-argument.jar"));
    properties.clear();
    assertThat(loadOk("config=bot.yaml").exporterPlugins())
        .containsExactly(dir.resolve("from-env.jar"));
    assertThat(loadOk("config=bot.yaml,exporters.plugins=null").exporterPlugins()).isEmpty();
  }

  @Test
  void aMapOrANestedListIsRejectedWithFileLineAndKey() {
    write(dir, "bot.yaml", "exporters:", "  plugins:", "    jar: a.jar");
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.config()).isNull();
    assertThat(result.fatal())
        .startsWith("bot.yaml:3: exporters.plugins: expected a list of jar files or directories")
        .endsWith("; agent disabled");

    write(dir, "nested.yaml", "exporters:", "  plugins: [[a.jar]]");
    assertThat(load("config=nested.yaml").fatal())
        .startsWith("nested.yaml:2: exporters.plugins: expected a list")
        .contains("got a list in the list");
  }

  @Test
  void anIntervalOutOfRangeIsRejected() {
    write(dir, "bot.yaml", "exporters:", "  intervalMs: 5");
    assertThat(load("config=bot.yaml").fatal())
        .startsWith("bot.yaml:2: exporters.intervalMs: expected a whole number of milliseconds");
    assertThat(Setting.forPath("EXPORTERS.PLUGINS")).isEqualTo(Setting.EXPORTER_PLUGINS);
    assertThat(Setting.forEnvironmentSuffix("EXPORTERS_INTERVALMS"))
        .isEqualTo(Setting.EXPORTER_INTERVAL_MS);
  }

  @Test
  void theBuilderKeepsItsOwnCopy() {
    List<Path> plugins = new java.util.ArrayList<>(List.of(Path.of("/a.jar")));
    AgentConfig.Builder builder = AgentConfig.builder().exporterPlugins(plugins);
    plugins.clear();
    assertThat(builder.build().exporterPlugins()).containsExactly(Path.of("/a.jar"));
  }
}
