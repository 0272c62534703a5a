package io.rpainsights.agent.config;

import static io.rpainsights.agent.config.ConfigFiles.DESIGN_EXAMPLE;
import static io.rpainsights.agent.config.ConfigFiles.lineOf;
import static io.rpainsights.agent.config.ConfigFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private final Properties properties = new Properties();
  private final Map<String, String> env = new HashMap<>();

  private ConfigLoader.Result load(String agentArgs) {
    return ConfigLoader.load(agentArgs, properties, env, dir);
  }

  private AgentConfig loadOk(String agentArgs) {
    ConfigLoader.Result result = load(agentArgs);
    assertThat(result.fatal()).as("fatal").isNull();
    assertThat(result.config()).isNotNull();
    return result.config();
  }

  private static final String[] ONE_EXECUTION = {
    "instrument:", "  executions:", "    - type: com.x.Loop", "      method: run",
  };

  // ---- the reference config ------------------------------------------------------------------

  @Test
  void designExampleParsesIntoTheRightRules() {
    write(dir, "bot.yaml", DESIGN_EXAMPLE);
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.fatal()).isNull();
    assertThat(result.warnings()).isEmpty();
    AgentConfig config = result.config();
    assertThat(config.source()).isEqualTo("bot.yaml");

    List<Rule> rules = config.rules();
    assertThat(rules).hasSize(4);
    for (int i = 0; i < rules.size(); i++) {
      assertThat(rules.get(i).id()).isEqualTo(i);
    }
    Rule execution = rules.get(0);
    assertThat(execution.role()).isEqualTo(Role.EXECUTION);
    assertThat(execution.type().exactName()).isEqualTo("com.example.rpa.ExecutionLoop");
    assertThat(execution.method().text()).isEqualTo("executeWorkflow");
    assertThat(execution.method().arity()).isNull();
    assertThat(execution.workflowId().text()).isEqualTo("arg0.workflowId");
    assertThat(execution.totalSteps().text()).isEqualTo("arg0.nodes.size()");
    assertThat(execution.status()).isNull();
    assertThat(execution.success()).isNull();
    assertThat(execution.expressions()).hasSize(2);

    Rule step = rules.get(1);
    assertThat(step.role()).isEqualTo(Role.STEP);
    assertThat(step.method().text()).isEqualTo("executeNode");
    assertThat(step.nodeId().text()).isEqualTo("arg0.nodeId");
    assertThat(step.actionType().text()).isEqualTo("arg0.actionType");
    assertThat(step.success().text()).isEqualTo("return.success");
    assertThat(step.error().text()).isEqualTo("return.error");
    assertThat(step.errorType()).isNull();
    assertThat(step.workflowId()).isNull();
    Rule recovery = rules.get(2);
    assertThat(recovery.role()).isEqualTo(Role.RECOVERY);
    assertThat(recovery.type().exactName()).isEqualTo("com.example.rpa.healing.SelfHealingEngine");
    assertThat(recovery.nodeId().text()).isEqualTo("arg1.nodeId");
    assertThat(recovery.strategy().text()).isEqualTo("return.strategyUsed");
    assertThat(recovery.success().text()).isEqualTo("return.success");

    Rule timer = rules.get(3);
    assertThat(timer.role()).isEqualTo(Role.TIMER);
    assertThat(timer.type().exactName()).isNull();
    assertThat(timer.type().matches("com.example.rpa.vision.OcrDetector")).isTrue();
    assertThat(timer.method().matches("detectButtons", 2)).isTrue();
    assertThat(timer.timerName()).isEqualTo("ui_detection");
    assertThat(timer.labels().keySet()).containsExactly("provider", "cache");
    assertThat(timer.labels().get("provider").text()).isEqualTo("this.providerName");
    assertThat(timer.labels().get("cache").usesReturn()).isTrue();
    assertThat(timer.values().keySet()).containsExactly("tokens");
    assertThat(timer.values().get("tokens").text()).isEqualTo("return.usage.totalTokens");
    assertThat(timer.expressions()).hasSize(3);

    assertThat(config.rules(Role.STEP)).containsExactly(step);
  }

  @Test
  void describeNamesRoleIndexFileLineAndMethod() {
    write(dir, "bot.yaml", DESIGN_EXAMPLE);
    Rule step = loadOk("config=bot.yaml").rules().get(1);
    int line = lineOf(DESIGN_EXAMPLE, "type: com.example.rpa.ExecutionLoop") + 5;
    assertThat(line).isEqualTo(lineOf(DESIGN_EXAMPLE, "method: executeNode") - 1);
    assertThat(step.describe())
        .isEqualTo("steps[0] (bot.yaml:" + line + ") com.example.rpa.ExecutionLoop#executeNode");
  }

  @Test
  void designExampleSettingsAreTheDefaults() {
    write(dir, "bot.yaml", DESIGN_EXAMPLE);
    AgentConfig config = loadOk("config=bot.yaml");
    assertThat(config.enabled()).isTrue();
    assertThat(config.debug()).isFalse();
    assertThat(config.storePath()).isEqualTo(dir.resolve("rpa-insights.db"));
    assertThat(config.batchSize()).isEqualTo(1000);
    assertThat(config.flushIntervalMs()).isEqualTo(5000);
    assertThat(config.queueCapacity()).isEqualTo(65536);
    assertThat(config.resourcesEnabled()).isTrue();
    assertThat(config.resourcesIntervalMs()).isEqualTo(1000);
    assertThat(config.prometheusEnabled()).isFalse();
    assertThat(config.prometheusHost()).isEqualTo("127.0.0.1");
    assertThat(config.prometheusPort()).isEqualTo(9464);
    assertThat(config.jsonExportDir()).isNull();
    assertThat(config.jsonExportIntervalMs()).isEqualTo(60000);
    assertThat(config.retentionDays()).isZero();
  }

  // ---- defaults -------------------------------------------------------------------------------

  @Test
  void everySettingHasItsDefaultWhenTheFileOnlyHasRules() {
    write(dir, "bot.yaml", ONE_EXECUTION);
    AgentConfig config = loadOk("config=bot.yaml");
    assertThat(config.enabled()).isTrue();
    assertThat(config.debug()).isFalse();
    assertThat(config.storePath()).isEqualTo(dir.resolve("rpa-insights.db"));
    assertThat(config.storePath().isAbsolute()).isTrue();
    assertThat(config.batchSize()).isEqualTo(1000);
    assertThat(config.flushIntervalMs()).isEqualTo(5000);
    assertThat(config.queueCapacity()).isEqualTo(65536);
    assertThat(config.resourcesEnabled()).isTrue();
    assertThat(config.resourcesIntervalMs()).isEqualTo(1000);
    assertThat(config.prometheusEnabled()).isFalse();
    assertThat(config.prometheusHost()).isEqualTo("127.0.0.1");
    assertThat(config.prometheusPort()).isEqualTo(9464);
    assertThat(config.prometheusNodeLabels()).isFalse();
    assertThat(config.prometheusMaxLabelValues()).isEqualTo(200);
    assertThat(config.jsonExportDir()).isNull();
    assertThat(config.jsonExportIntervalMs()).isEqualTo(60000);
    assertThat(config.retentionDays()).isZero();
    assertThat(config.rules()).hasSize(1);
    assertThat(config.rules().get(0).workflowId()).isNull();
  }

  @Test
  void everySettingCanBeSetInTheFile() {
    write(
        dir,
        "bot.yaml",
        "enabled: false",
        "debug: true",
        "store: { path: data/metrics.db }",
        "collector: { batchSize: 10, flushIntervalMs: 200, queueCapacity: 1024 }",
        "resources: { enabled: false, intervalMs: 50 }",
        "prometheus:",
        "  enabled: true",
        "  host: 0.0.0.0",
        "  port: 0",
        "  nodeLabels: true",
        "  maxLabelValues: 50",
        "exporters: { json: { dir: snapshots, intervalMs: 1000 } }",
        "retention: { days: 30 }");
    AgentConfig config = loadOk("config=bot.yaml");
    assertThat(config.enabled()).isFalse();
    assertThat(config.debug()).isTrue();
    assertThat(config.storePath()).isEqualTo(dir.resolve("data/metrics.db"));
    assertThat(config.batchSize()).isEqualTo(10);
    assertThat(config.flushIntervalMs()).isEqualTo(200);
    assertThat(config.queueCapacity()).isEqualTo(1024);
    assertThat(config.resourcesEnabled()).isFalse();
    assertThat(config.resourcesIntervalMs()).isEqualTo(50);
    assertThat(config.prometheusEnabled()).isTrue();
    assertThat(config.prometheusHost()).isEqualTo("0.0.0.0");
    assertThat(config.prometheusPort()).isZero();
    assertThat(config.prometheusNodeLabels()).isTrue();
    assertThat(config.prometheusMaxLabelValues()).isEqualTo(50);
    assertThat(config.jsonExportDir()).isEqualTo(dir.resolve("snapshots"));
    assertThat(config.jsonExportIntervalMs()).isEqualTo(1000);
    assertThat(config.retentionDays()).isEqualTo(30);
  }

  @Test
  void absoluteStorePathIsKept() {
    Path elsewhere = dir.resolve("elsewhere/x.db").toAbsolutePath();
    write(dir, "bot.yaml", "store:", "  path: " + elsewhere);
    assertThat(loadOk("config=bot.yaml").storePath()).isEqualTo(elsewhere);
  }

  @Test
  void enabledFalseIsAConfigNotAnError() {
    write(dir, "bot.yaml", "enabled: false");
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.fatal()).isNull();
    assertThat(result.config().enabled()).isFalse();
    assertThat(result.warnings()).isEmpty();
  }

  // ---- overrides ------------------------------------------------------------------------------

  @Test
  void environmentVariableOverridesTheFile() {
    write(dir, "bot.yaml", "collector:", "  flushIntervalMs: 5000");
    env.put("RPA_INSIGHTS_COLLECTOR_FLUSHINTERVALMS", "200");
    env.put("RPA_INSIGHTS_STORE_PATH", "/var/lib/bot/metrics.db");
    AgentConfig config = loadOk("config=bot.yaml");
    assertThat(config.flushIntervalMs()).isEqualTo(200);
    assertThat(config.storePath()).isEqualTo(Path.of("/var/lib/bot/metrics.db"));
  }

  @Test
  void systemPropertyOverridesTheFile() {
    write(dir, "bot.yaml", "prometheus:", "  enabled: false");
    properties.setProperty("rpa.insights.prometheus.enabled", "true");
    properties.setProperty("rpa.insights.prometheus.port", "9999");
    AgentConfig config = loadOk("config=bot.yaml");
    assertThat(config.prometheusEnabled()).isTrue();
    assertThat(config.prometheusPort()).isEqualTo(9999);
  }

  @Test
  void agentArgumentOverridesTheFile() {
    write(dir, "bot.yaml", "store:", "  path: a.db");
    AgentConfig config = loadOk("config=bot.yaml,store.path=/x.db,collector.flushIntervalMs=200");
    assertThat(config.storePath()).isEqualTo(Path.of("/x.db"));
    assertThat(config.flushIntervalMs()).isEqualTo(200);
  }

  @Test
  void precedenceIsFileThenEnvironmentThenPropertyThenArgument() {
    write(
        dir,
        "bot.yaml",
        "collector: { batchSize: 1, flushIntervalMs: 11, queueCapacity: 101 }",
        "retention: { days: 1 }");
    env.put("RPA_INSIGHTS_COLLECTOR_BATCHSIZE", "2");
    env.put("RPA_INSIGHTS_COLLECTOR_FLUSHINTERVALMS", "22");
    env.put("RPA_INSIGHTS_COLLECTOR_QUEUECAPACITY", "202");
    properties.setProperty("rpa.insights.collector.batchSize", "3");
    properties.setProperty("rpa.insights.collector.flushIntervalMs", "33");
    AgentConfig config = loadOk("config=bot.yaml,collector.batchSize=4");
    assertThat(config.retentionDays()).as("file only").isEqualTo(1);
    assertThat(config.queueCapacity()).as("env beats file").isEqualTo(202);
    assertThat(config.flushIntervalMs()).as("property beats env").isEqualTo(33);
    assertThat(config.batchSize()).as("argument beats property").isEqualTo(4);
  }

  @Test
  void overrideNamesMatchCaseInsensitively() {
    write(dir, "bot.yaml", ONE_EXECUTION);
    properties.setProperty("RPA.Insights.COLLECTOR.BATCHSIZE", "7");
    env.put("rpa_insights_collector_flushintervalms", "70");
    AgentConfig config = loadOk("config=bot.yaml,Store.Path=upper.db,COLLECTOR.queuecapacity=32");
    assertThat(config.batchSize()).isEqualTo(7);
    assertThat(config.flushIntervalMs()).isEqualTo(70);
    assertThat(config.storePath()).isEqualTo(dir.resolve("upper.db"));
    assertThat(config.queueCapacity()).isEqualTo(32);
  }

  @Test
  void unknownOverrideIsAWarning() {
    write(dir, "bot.yaml", ONE_EXECUTION);
    properties.setProperty("rpa.insights.collector.batchSiz", "7");
    env.put("RPA_INSIGHTS_STORE_PTH", "x");
    env.put("RPA_INSIGHTS_TOKEN", "secret-for-the-analytics-server");
    env.put("PATH", "/usr/bin");
    ConfigLoader.Result result = load("config=bot.yaml,instrument.steps=x");
    assertThat(result.fatal()).isNull();
    assertThat(result.warnings())
        .containsExactly(
            "environment variable RPA_INSIGHTS_STORE_PTH: unknown setting, ignored",
            "system property rpa.insights.collector.batchSiz: unknown setting, ignored",
            "agent argument instrument.steps: unknown setting, ignored (rules can only be set in"
                + " the config file)");
  }

  @Test
  void invalidOverrideIsFatalAndNamesItsSource() {
    write(dir, "bot.yaml", ONE_EXECUTION);
    properties.setProperty("rpa.insights.collector.batchSize", "abc");
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.config()).isNull();
    assertThat(result.fatal())
        .isEqualTo(
            "system property rpa.insights.collector.batchSize: expected a positive integer, got"
                + " 'abc'; agent disabled");

    properties.clear();
    env.put("RPA_INSIGHTS_PROMETHEUS_PORT", "70000");
    assertThat(load("config=bot.yaml").fatal())
        .isEqualTo(
            "environment variable RPA_INSIGHTS_PROMETHEUS_PORT: expected an integer from 0 to"
                + " 65535, got '70000'; agent disabled");

    env.clear();
    assertThat(load("config=bot.yaml,enabled=yes").fatal())
        .isEqualTo("agent argument enabled: expected true or false, got 'yes'; agent disabled");
  }

  @Test
  void optionalPathCanBeSwitchedOffByAnOverride() {
    write(dir, "bot.yaml", "exporters:", "  json:", "    dir: out");
    assertThat(loadOk("config=bot.yaml").jsonExportDir()).isEqualTo(dir.resolve("out"));
    assertThat(loadOk("config=bot.yaml,exporters.json.dir=null").jsonExportDir()).isNull();
  }

  // ---- agent arguments and finding the file ---------------------------------------------------

  @Test
  void argumentThatIsNotKeyValueIsAWarningWithAHint() {
    write(dir, "bot.yaml", ONE_EXECUTION);
    write(dir, "rpa-insights.yaml", ONE_EXECUTION);
    ConfigLoader.Result result = load("bot.yaml,,");
    assertThat(result.warnings())
        .containsExactly(
            "agent argument 'bot.yaml' is not key=value, ignored (did you mean config=bot.yaml?)");
    assertThat(result.config().source()).isEqualTo("rpa-insights.yaml");
  }

  @Test
  void lookupOrderIsArgumentThenPropertyThenEnvironmentThenWorkingDirectory() {
    write(dir, "a.yaml", "retention: { days: 1 }");
    write(dir, "p.yaml", "retention: { days: 2 }");
    write(dir, "e.yaml", "retention: { days: 3 }");
    write(dir, "rpa-insights.yaml", "retention: { days: 4 }");
    properties.setProperty("rpa.insights.config", "p.yaml");
    env.put("RPA_INSIGHTS_CONFIG", "e.yaml");
    assertThat(loadOk("config=a.yaml").retentionDays()).isEqualTo(1);
    assertThat(loadOk(null).retentionDays()).isEqualTo(2);
    properties.clear();
    assertThat(loadOk("").retentionDays()).isEqualTo(3);
    assertThat(loadOk("").source()).isEqualTo("e.yaml");
    env.clear();
    assertThat(loadOk(null).retentionDays()).isEqualTo(4);
  }

  @Test
  void configNamedExplicitlyButMissingIsFatalWithTheAbsolutePath() {
    ConfigLoader.Result result = load("config=missing/bot.yaml");
    assertThat(result.config()).isNull();
    assertThat(result.fatal())
        .isEqualTo(
            "config file "
                + dir.resolve("missing/bot.yaml").toAbsolutePath()
                + " not found (agent argument config); agent disabled");
    // An explicit name never falls back to the working directory's file.
    write(dir, "rpa-insights.yaml", ONE_EXECUTION);
    env.put("RPA_INSIGHTS_CONFIG", "nope.yaml");
    assertThat(load(null).fatal()).contains("nope.yaml not found (environment variable");
  }

  @Test
  void noConfigAnywhereIsFatalAndSaysHowToPassOne() {
    ConfigLoader.Result result = load(null);
    assertThat(result.config()).isNull();
    assertThat(result.fatal())
        .startsWith("no config file: pass -javaagent:rpa-insights-agent.jar=config=PATH")
        .contains("-Drpa.insights.config=PATH", "RPA_INSIGHTS_CONFIG", "rpa-insights.yaml")
        .endsWith("; agent disabled");
  }

  @Test
  void directoryAsConfigIsFatal() throws Exception {
    Files.createDirectories(dir.resolve("conf.yaml"));
    assertThat(load("config=conf.yaml").fatal()).contains("is not a regular file");
  }

  @Test
  void emptyConfigSourceIsSkippedWithAWarning() {
    write(dir, "rpa-insights.yaml", ONE_EXECUTION);
    properties.setProperty("rpa.insights.config", " ");
    ConfigLoader.Result result = load(null);
    assertThat(result.config()).isNotNull();
    assertThat(result.warnings())
        .containsExactly("system property rpa.insights.config is empty, ignored");
  }

  // ---- case, JSON, anchors --------------------------------------------------------------------

  @Test
  void fileKeysMatchCaseInsensitively() {
    write(
        dir,
        "bot.yaml",
        "Collector:",
        "  BATCHSIZE: 5",
        "Instrument:",
        "  Executions:",
        "    - Type: com.x.Loop",
        "      METHOD: run",
        "      WorkflowID: arg0.id");
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.warnings()).isEmpty();
    AgentConfig config = result.config();
    assertThat(config.batchSize()).isEqualTo(5);
    assertThat(config.rules()).hasSize(1);
    assertThat(config.rules().get(0).workflowId().text()).isEqualTo("arg0.id");
  }

  @Test
  void jsonConfigParsesLikeYaml() {
    write(
        dir,
        "bot.json",
        "{",
        "  \"collector\": { \"batchSize\": 50 },",
        "  \"exporters\": { \"json\": { \"dir\": null } },",
        "  \"instrument\": {",
        "    \"steps\": [",
        "      { \"type\": \"com.x.Loop\", \"method\": \"executeNode\", \"args\": 1,",
        "        \"nodeId\": \"arg0.nodeId\", \"success\": \"return.status == 'OK'\" }",
        "    ],",
        "    \"executions\": [ { \"type\": \"com.x.Loop\", \"method\": \"run\" } ]",
        "  }",
        "}");
    ConfigLoader.Result result = load("config=bot.json");
    assertThat(result.fatal()).isNull();
    assertThat(result.warnings()).isEmpty();
    AgentConfig config = result.config();
    assertThat(config.batchSize()).isEqualTo(50);
    assertThat(config.rules()).extracting(Rule::role).containsExactly(Role.STEP, Role.EXECUTION);
    Rule step = config.rules().get(0);
    assertThat(step.method().arity()).isEqualTo(1);
    assertThat(step.success().text()).isEqualTo("return.status == 'OK'");
    assertThat(step.describe()).isEqualTo("steps[0] (bot.json:6) com.x.Loop#executeNode/1");
  }

  @Test
  void yamlAnchorsAndMergeKeysAreExpanded() {
    write(
        dir,
        "bot.yaml",
        "shared: &loop",
        "  type: com.x.Loop",
        "  method: run",
        "instrument:",
        "  executions:",
        "    - <<: *loop",
        "      workflowId: arg0.id",
        "    - <<: *loop",
        "      method: runAll",
        "  steps:",
        "    - *loop");
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.fatal()).isNull();
    assertThat(result.warnings()).containsExactly("bot.yaml:1: shared: unknown key, ignored");
    List<Rule> rules = result.config().rules();
    assertThat(rules).hasSize(3);
    assertThat(rules.get(0).method().text()).isEqualTo("run");
    assertThat(rules.get(0).workflowId().text()).isEqualTo("arg0.id");
    assertThat(rules.get(1).method().text())
        .as("a key in the map wins over a merged one")
        .isEqualTo("runAll");
    assertThat(rules.get(2).role()).isEqualTo(Role.STEP);
    assertThat(rules.get(2).type().exactName()).isEqualTo("com.x.Loop");
  }

  // ---- warnings and errors about the file -----------------------------------------------------

  @Test
  void unknownKeysAreWarningsNamingFileLineAndKey() {
    String[] lines = {
      "collector:",
      "  batchSiz: 10",
      "colector:",
      "  batchSize: 10",
      "instrument:",
      "  executions:",
      "    - type: com.x.Loop",
      "      method: run",
      "      nodeId: arg0.id",
      "      colour: red",
      "  stepz: []",
    };
    write(dir, "bot.yaml", lines);
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.fatal()).isNull();
    assertThat(result.warnings())
        .containsExactly(
            "bot.yaml:2: collector.batchSiz: unknown key, ignored",
            "bot.yaml:3: colector: unknown key, ignored",
            "bot.yaml:9: instrument.executions[0].nodeId: not used by executions rules, ignored"
                + " (it applies to steps and recoveries)",
            "bot.yaml:10: instrument.executions[0].colour: unknown key, ignored (executions rules"
                + " take type, method, args, workflowId, totalSteps, status, success, error,"
                + " errorType)",
            "bot.yaml:11: instrument.stepz: unknown key, ignored (instrument takes executions,"
                + " steps, recoveries and timers)");
    assertThat(result.config().rules()).hasSize(1);
  }

  @Test
  void duplicateKeyIsAWarningAndTheLaterValueWins() {
    write(dir, "bot.yaml", "collector:", "  batchSize: 10", "  BatchSize: 20");
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.config().batchSize()).isEqualTo(20);
    assertThat(result.warnings())
        .contains(
            "bot.yaml:3: collector.BatchSize: duplicate key (also on line 2); this value is used");
  }

  @Test
  void yamlSyntaxErrorIsFatalWithFileAndLine() {
    write(dir, "bot.yaml", "collector:", "  batchSize: [1, 2", "resources:", "  enabled: true");
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.config()).isNull();
    assertThat(result.fatal()).matches("bot\\.yaml:3: cannot parse YAML: [^\\n]+; agent disabled");
  }

  @Test
  void tabIndentationIsReportedOnItsLine() {
    write(dir, "bot.yaml", "enabled: true", "collector:", "\tbatchSize: 5");
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.fatal()).startsWith("bot.yaml:3: cannot parse YAML: ").contains("TAB");
  }

  @Test
  void jsonSyntaxErrorIsFatalWithFileAndLine() {
    write(dir, "bot.json", "{", "  \"collector\": { \"batchSize\": 5 },", "  \"debug\": tru", "}");
    ConfigLoader.Result result = load("config=bot.json");
    assertThat(result.config()).isNull();
    assertThat(result.fatal())
        .startsWith("bot.json:3: cannot parse JSON: ")
        .endsWith("; agent disabled");
  }

  @Test
  void knownKeyWithWrongTypeIsFatalNamingFileLineAndKey() {
    write(dir, "bot.yaml", "enabled: true", "collector:", "  batchSize: abc");
    assertThat(load("config=bot.yaml").fatal())
        .isEqualTo(
            "bot.yaml:3: collector.batchSize: expected a positive integer, got 'abc'; agent disabled");

    write(dir, "bot.yaml", "collector: 5");
    assertThat(load("config=bot.yaml").fatal())
        .isEqualTo("bot.yaml:1: collector: expected a map of settings, got '5'; agent disabled");

    write(dir, "bot.yaml", "debug: maybe");
    assertThat(load("config=bot.yaml").fatal())
        .isEqualTo("bot.yaml:1: debug: expected true or false, got 'maybe'; agent disabled");

    write(dir, "bot.yaml", "prometheus:", "  port: 65536");
    assertThat(load("config=bot.yaml").fatal())
        .isEqualTo(
            "bot.yaml:2: prometheus.port: expected an integer from 0 to 65535, got '65536'; agent disabled");

    write(dir, "bot.yaml", "collector:", "  flushIntervalMs: 5");
    assertThat(load("config=bot.yaml").fatal())
        .contains("collector.flushIntervalMs: expected a whole number of milliseconds from 10");

    write(dir, "bot.yaml", "collector:", "  queueCapacity: 8");
    assertThat(load("config=bot.yaml").fatal())
        .contains("collector.queueCapacity: expected an integer from 16");

    write(dir, "bot.yaml", "collector:", "  batchSize: 1.5");
    assertThat(load("config=bot.yaml").fatal()).contains("got '1.5'");

    write(dir, "bot.yaml", "store:", "  path:");
    assertThat(load("config=bot.yaml").fatal())
        .isEqualTo("bot.yaml:2: store.path: expected a file path, got null; agent disabled");

    write(dir, "bot.yaml", "store:", "  path: [a, b]");
    assertThat(load("config=bot.yaml").fatal())
        .contains("store.path: expected a file path, got a list");

    write(dir, "bot.yaml", "instrument: yes");
    assertThat(load("config=bot.yaml").fatal())
        .startsWith("bot.yaml:1: instrument: expected a map");
  }

  @Test
  void quotedNumbersAndBooleansAreAccepted() {
    write(dir, "bot.yaml", "debug: 'true'", "collector:", "  batchSize: '25'");
    AgentConfig config = loadOk("config=bot.yaml");
    assertThat(config.debug()).isTrue();
    assertThat(config.batchSize()).isEqualTo(25);
  }

  @Test
  void rootThatIsNotAMapIsFatal() {
    write(dir, "bot.yaml", "- a", "- b");
    assertThat(load("config=bot.yaml").fatal())
        .isEqualTo(
            "bot.yaml:1: expected a map of settings at the top level, got a list; agent disabled");
  }

  @Test
  void emptyFileLoadsWithAWarningThatNothingIsInstrumented() {
    write(dir, "bot.yaml", "# nothing yet");
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.config()).isNotNull();
    assertThat(result.config().rules()).isEmpty();
    assertThat(result.warnings())
        .containsExactly("bot.yaml: instrument: no rules, so no method is instrumented");
  }

  @Test
  void stepsWithoutAnExecutionRuleAreWarnedAbout() {
    write(dir, "bot.yaml", "instrument:", "  steps:", "    - { type: com.x.Loop, method: step }");
    assertThat(load("config=bot.yaml").warnings())
        .containsExactly(
            "bot.yaml:1: instrument: steps and recoveries need an executions rule to belong to;"
                + " without one they are only counted as unattributed");
  }

  @Test
  void onlyTheFirstYamlDocumentIsRead() {
    write(dir, "bot.yaml", "retention: { days: 3 }", "---", "retention: { days: 4 }");
    ConfigLoader.Result result = load("config=bot.yaml");
    assertThat(result.config().retentionDays()).isEqualTo(3);
    assertThat(result.warnings())
        .contains("bot.yaml:3: only the first YAML document is read; the rest is ignored");
  }

  @Test
  void nonUtf8FileIsFatal() throws Exception {
    Files.write(
        dir.resolve("bot.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    assertThat(load("config=bot.yaml").fatal())
        .isEqualTo("bot.yaml: not UTF-8 text; agent disabled");
  }

  @Test
  void byteOrderMarkIsIgnored() throws Exception {
    byte[] body = "retention: { days: 5 }\n".getBytes("UTF-8");
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    Files.write(dir.resolve("bot.yaml"), withBom);
    assertThat(loadOk("config=bot.yaml").retentionDays()).isEqualTo(5);
  }

  @Test
  void nullInputsAreTreatedAsNone() {
    write(dir, "rpa-insights.yaml", ONE_EXECUTION);
    ConfigLoader.Result result = ConfigLoader.load(null, null, null, dir);
    assertThat(result.config()).isNotNull();
    assertThat(result.warnings()).isEqualTo(Collections.emptyList());
  }
}
