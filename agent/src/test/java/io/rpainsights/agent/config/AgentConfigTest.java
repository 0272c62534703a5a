package io.rpainsights.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

  @Test
  void defaultsAreDesignsDefaultsWithoutRules() {
    AgentConfig config = AgentConfig.defaults();
    assertThat(config.source()).isEqualTo("defaults");
    assertThat(config.enabled()).isTrue();
    assertThat(config.debug()).isFalse();
    assertThat(config.storePath())
        .isEqualTo(Paths.get("").toAbsolutePath().resolve("rpa-insights.db"));
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
    assertThat(config.rules()).isEmpty();
  }

  @Test
  void builderGivesRulesTheirIdsAndPerRoleIndexes() {
    AgentConfig config =
        AgentConfig.builder()
            .storePath(Path.of("/tmp/x.db"))
            .batchSize(5)
            .addRule(
                Rule.builder(Role.EXECUTION, "com.x.Loop", "run")
                    .expression("workflowId", "arg0.id"))
            .addRule(
                Rule.builder(Role.STEP, "com.x.Loop", "step")
                    .args(1)
                    .expression("NODEID", "arg0.id")
                    .expression("success", "return.ok")
                    .location("test:1"))
            .addRule(Rule.builder(Role.STEP, "com.x.Other", "step"))
            .addRule(
                Rule.builder(Role.TIMER, "com.x.Api", "call*")
                    .name("api")
                    .label("region", "this.region")
                    .value("bytes", "return.length"))
            .build();
    assertThat(config.storePath()).isEqualTo(Path.of("/tmp/x.db"));
    assertThat(config.batchSize()).isEqualTo(5);
    assertThat(config.rules()).extracting(Rule::id).containsExactly(0, 1, 2, 3);
    assertThat(config.rules().get(1).describe()).isEqualTo("steps[0] (test:1) com.x.Loop#step/1");
    assertThat(config.rules().get(2).describe()).isEqualTo("steps[1] com.x.Other#step");
    assertThat(config.rules().get(1).nodeId().text()).isEqualTo("arg0.id");
    assertThat(config.rules().get(3).timerName()).isEqualTo("api");
    assertThat(config.rules().get(3).expressions()).hasSize(2);
  }

  @Test
  void ruleBuilderRejectsWhatTheLoaderWouldDrop() {
    assertThatThrownBy(() -> Rule.builder(Role.STEP, "com..x", "run"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Rule.builder(Role.STEP, "com.x.Loop", "run").expression("workflowId", "arg0"))
        .hasMessageContaining("not an expression key of steps rules");
    assertThatThrownBy(
            () -> Rule.builder(Role.STEP, "com.x.Loop", "run").expression("nodeId", "return.id"))
        .hasMessageContaining("not known when the call starts");
    assertThatThrownBy(() -> Rule.builder(Role.STEP, "com.x.Loop", "run").name("x"))
        .hasMessageContaining("timers rules only");
    assertThatThrownBy(
            () -> AgentConfig.builder().addRule(Rule.builder(Role.TIMER, "com.x.A", "b")))
        .hasMessageContaining("needs a name");
    assertThatThrownBy(
            () -> Rule.builder(Role.STEP, "com.x.Loop", "run").expression("nodeId", "arg0.."))
        .isInstanceOf(ExpressionException.class);
  }

  @Test
  void defaultWorkflowIdIsSimpleClassNameDotMethod() {
    assertThat(Rule.defaultWorkflowId("com.example.rpa.ExecutionLoop", "executeWorkflow"))
        .isEqualTo("ExecutionLoop.executeWorkflow");
    assertThat(Rule.defaultWorkflowId("com.x.Outer$Inner", "run")).isEqualTo("Outer$Inner.run");
    assertThat(Rule.defaultWorkflowId("Loop", "run")).isEqualTo("Loop.run");
  }

  @Test
  void roleConfigKeys() {
    assertThat(Role.EXECUTION.configKey()).isEqualTo("executions");
    assertThat(Role.STEP.configKey()).isEqualTo("steps");
    assertThat(Role.RECOVERY.configKey()).isEqualTo("recoveries");
    assertThat(Role.TIMER.configKey()).isEqualTo("timers");
  }
}
