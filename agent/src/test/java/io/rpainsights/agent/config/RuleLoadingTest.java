package io.rpainsights.agent.config;

import static io.rpainsights.agent.config.ConfigFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the {@code instrument} section becomes rules, and how a bad rule is dropped alone. */
class RuleLoadingTest {

  @TempDir Path dir;

  private ConfigLoader.Result load(String... lines) {
    write(dir, "bot.yaml", lines);
    return ConfigLoader.load("config=bot.yaml", new Properties(), new HashMap<>(), dir);
  }

  @Test
  void badRulesAreDroppedWhileTheOthersLoadWithContiguousIds() {
    ConfigLoader.Result result =
        load(
            "instrument:",
            "  executions:",
            "    - type: com.x..Loop",
            "      method: run",
            "    - type: com.x.Loop",
            "      method: run",
            "      workflowId: arg0.id",
            "  steps:",
            "    - type: com.x.Loop",
            "      nodeId: arg0.id",
            "    - type: com.x.Loop",
            "      method: step",
            "      nodeId: arg0..id",
            "    - type: com.x.Loop",
            "      method: step",
            "      nodeId: arg0.id",
            "  timers:",
            "    - type: com.x.Api",
            "      method: call",
            "    - type: com.x.Api",
            "      method: call",
            "      name: api_call");
    assertThat(result.fatal()).isNull();
    assertThat(result.warnings())
        .containsExactly(
            "bot.yaml:3: instrument.executions[0].type: 'com.x..Loop' has an empty name segment"
                + " (two dots, or a dot at the start or end); rule dropped",
            "bot.yaml:9: instrument.steps[0].method: required key is missing; rule dropped",
            "bot.yaml:13: instrument.steps[1].nodeId: expected a member name after '.' at column 6"
                + " of 'arg0..id'; rule dropped",
            "bot.yaml:18: instrument.timers[0].name: required key is missing (timers need a name);"
                + " rule dropped");
    List<Rule> rules = result.config().rules();
    assertThat(rules).hasSize(3);
    assertThat(rules).extracting(Rule::id).containsExactly(0, 1, 2);
    assertThat(rules).extracting(Rule::role).containsExactly(Role.EXECUTION, Role.STEP, Role.TIMER);
    // The index in describe() is the rule's place in the file, so it matches the warnings.
    assertThat(rules.get(0).describe()).startsWith("executions[1] (bot.yaml:5)");
    assertThat(rules.get(1).describe()).startsWith("steps[2] (bot.yaml:14)");
    assertThat(rules.get(2).describe()).isEqualTo("timers[1] (bot.yaml:20) com.x.Api#call");
  }

  @Test
  void everyProblemOfARuleIsReported() {
    ConfigLoader.Result result =
        load(
            "instrument:",
            "  executions:",
            "    - type: com.x.Loop+y",
            "      method: run()",
            "      args: -1",
            "      status: return.status ==");
    assertThat(result.warnings()).hasSize(5);
    assertThat(result.warnings().subList(0, 4))
        .allSatisfy(warning -> assertThat(warning).endsWith("; rule dropped"));
    assertThat(result.warnings().get(4))
        .isEqualTo("bot.yaml:1: instrument: no rules, so no method is instrumented");
    assertThat(result.warnings().get(0)).startsWith("bot.yaml:5: instrument.executions[0].args:");
    assertThat(result.warnings().get(1)).startsWith("bot.yaml:6: instrument.executions[0].status:");
    assertThat(result.warnings().get(2)).startsWith("bot.yaml:3: instrument.executions[0].type:");
    assertThat(result.warnings().get(3)).startsWith("bot.yaml:4: instrument.executions[0].method:");
    assertThat(result.config().rules()).isEmpty();
  }

  @Test
  void identityValueCannotReadTheOutcome() {
    ConfigLoader.Result result =
        load(
            "instrument:",
            "  steps:",
            "    - type: com.x.Loop",
            "      method: step",
            "      nodeId: return.nodeId",
            "  executions:",
            "    - type: com.x.Loop",
            "      method: run",
            "      workflowId: thrown.message");
    assertThat(result.warnings())
        .containsExactly(
            "bot.yaml:5: instrument.steps[0].nodeId: 'return' is not known when the call starts,"
                + " and nodeId is read then; rule dropped",
            "bot.yaml:9: instrument.executions[0].workflowId: 'thrown' is not known when the call"
                + " starts, and workflowId is read then; rule dropped",
            "bot.yaml:1: instrument: no rules, so no method is instrumented");
  }

  @Test
  void argsPicksOverloadsAndAcceptsQuotedNumbers() {
    ConfigLoader.Result result =
        load(
            "instrument:",
            "  executions:",
            "    - { type: com.x.Loop, method: run, args: 2 }",
            "    - { type: com.x.Loop, method: run, args: '0' }");
    assertThat(result.warnings()).isEmpty();
    assertThat(result.config().rules().get(0).method().matches("run", 2)).isTrue();
    assertThat(result.config().rules().get(0).method().matches("run", 1)).isFalse();
    assertThat(result.config().rules().get(1).method().arity()).isZero();
  }

  @Test
  void unquotedLiteralGetsAHint() {
    ConfigLoader.Result result =
        load(
            "instrument:",
            "  executions:",
            "    - type: com.x.Loop",
            "      method: run",
            "      workflowId: nightly");
    assertThat(result.warnings())
        .containsExactly(
            "bot.yaml:5: instrument.executions[0].workflowId: expected this, argN, return, thrown"
                + " or a quoted 'literal' (a literal needs single quotes, e.g. 'text') at column 1"
                + " of 'nightly'; rule dropped",
            "bot.yaml:1: instrument: no rules, so no method is instrumented");
  }

  @Test
  void quotedLiteralInsideYamlStringIsAnExpression() {
    ConfigLoader.Result result =
        load(
            "instrument:",
            "  executions:",
            "    - type: com.x.Loop",
            "      method: run",
            "      workflowId: \"'nightly'\"");
    assertThat(result.warnings()).isEmpty();
    assertThat(result.config().rules().get(0).workflowId().evaluate(null, null, null, null, null))
        .isEqualTo("nightly");
  }

  @Test
  void timerNamesAndLabelNamesMustSuitPrometheus() {
    ConfigLoader.Result result =
        load(
            "instrument:",
            "  executions:",
            "    - { type: com.x.Loop, method: run }",
            "  timers:",
            "    - type: com.x.Api",
            "      method: call",
            "      name: api-call",
            "    - type: com.x.Api",
            "      method: call",
            "      name: api_call",
            "      labels: { outcome: this.x, 2nd: this.y }",
            "    - type: com.x.Api",
            "      method: call",
            "      name: api_call",
            "      labels: { region: this.region, cached: return.cached }",
            "      values: { bytes: return.size, cost: return.cost }");
    assertThat(result.warnings())
        .containsExactly(
            "bot.yaml:7: instrument.timers[0].name: 'api-call' cannot be a metric name: use"
                + " letters, digits and '_', not starting with a digit; rule dropped",
            "bot.yaml:11: instrument.timers[1].labels.outcome: label 'outcome' is used by the"
                + " agent's own timer metrics; rule dropped",
            "bot.yaml:11: instrument.timers[1].labels.2nd: '2nd' cannot be a label name: use"
                + " letters, digits and '_', not starting with a digit; rule dropped");
    Rule timer = result.config().rules().get(1);
    assertThat(timer.labels().keySet()).containsExactly("region", "cached");
    assertThat(timer.values().keySet()).containsExactly("bytes", "cost");
    assertThat(timer.expressions())
        .extracting(Expression::text)
        .containsExactly("this.region", "return.cached", "return.size", "return.cost");
  }

  @Test
  void aTimerWhoseMetricsWouldClashWithTheAgentsIsDroppedAlone() {
    ConfigLoader.Result result =
        load(
            "instrument:",
            "  executions:",
            "    - { type: com.x.Loop, method: run }",
            "  timers:",
            "    - type: com.x.Api",
            "      method: call",
            "      name: rpa_workflow",
            "    - type: com.x.Api",
            "      method: call",
            "      name: rpa_agent_events",
            "      values: { dropped: return.dropped }",
            "    - type: com.x.Api",
            "      method: call",
            "      name: rpa",
            "      values: { agent: return.agent }",
            "    - type: com.x.Api",
            "      method: call",
            "      name: api_call",
            "      values: { duration_seconds: return.seconds, bytes: return.size }",
            "    - type: com.x.Api",
            "      method: call",
            "      name: rpa_workflow_executions",
            "      values: { bytes: return.size }");
    assertThat(result.fatal()).isNull();
    assertThat(result.warnings())
        .containsExactly(
            "bot.yaml:7: instrument.timers[0].name: timer 'rpa_workflow' would add"
                + " rpa_workflow_duration_seconds, which is already the agent's own metric;"
                + " rule dropped",
            "bot.yaml:11: instrument.timers[1].values.dropped: value 'dropped' would add"
                + " rpa_agent_events_dropped_total, which is already the agent's own metric;"
                + " rule dropped",
            "bot.yaml:15: instrument.timers[2].values.agent: value 'agent' would add"
                + " rpa_agent_total, which clashes with rpa_agent_info, the agent's own metric:"
                + " Prometheus names both rpa_agent; rule dropped",
            "bot.yaml:19: instrument.timers[3].values.duration_seconds: value 'duration_seconds'"
                + " would add api_call_duration_seconds_total, which clashes with"
                + " api_call_duration_seconds, a metric of this rule: Prometheus names both"
                + " api_call_duration_seconds; rule dropped");
    List<Rule> rules = result.config().rules();
    assertThat(rules).extracting(Rule::role).containsExactly(Role.EXECUTION, Role.TIMER);
    assertThat(rules.get(1).timerName())
        .as("only the names the timer adds count, not its prefix")
        .isEqualTo("rpa_workflow_executions");
  }

  @Test
  void ofTwoTimersWhoseMetricsClashTheLaterIsDropped() {
    ConfigLoader.Result result =
        load(
            "instrument:",
            "  timers:",
            "    - { type: com.x.Api, method: call, name: api_call }",
            "    - { type: com.x.Api, method: call, name: api, values: { call_calls: this.n } }",
            "    - { type: com.x.Api, method: put, name: api_call, values: { bytes: this.n } }",
            "    - { type: com.x.Api, method: get, name: api_call, values: { bytes: this.n } }");
    assertThat(result.warnings())
        .containsExactly(
            "bot.yaml:4: instrument.timers[1].values.call_calls: value 'call_calls' would add"
                + " api_call_calls_total, which is already a metric of timers[0] (bot.yaml:3)"
                + " com.x.Api#call; rule dropped");
    assertThat(result.config().rules())
        .as("rules that share a timer name share its metrics")
        .extracting(Rule::timerName)
        .containsExactly("api_call", "api_call", "api_call");
  }

  @Test
  void ruleListShapeMistakesAreWarnings() {
    ConfigLoader.Result result =
        load(
            "instrument:",
            "  executions:",
            "    type: com.x.Loop",
            "    method: run",
            "  steps:",
            "    - com.x.Loop#step",
            "  recoveries:",
            "  timers: []");
    assertThat(result.fatal()).isNull();
    assertThat(result.warnings())
        .containsExactly(
            "bot.yaml:3: instrument.executions: expected a list of rules (each starting with '- '),"
                + " got a map; ignored",
            "bot.yaml:6: instrument.steps[0]: expected a rule (a map with type and method), got"
                + " 'com.x.Loop#step'; rule dropped",
            "bot.yaml:1: instrument: no rules, so no method is instrumented");
  }

  @Test
  void expressionKeysAcceptAnyScalarText() {
    ConfigLoader.Result result =
        load(
            "instrument:",
            "  executions:",
            "    - type: com.x.Loop",
            "      method: run",
            "      success: true");
    assertThat(result.warnings()).hasSize(2);
    assertThat(result.warnings().get(0))
        .startsWith("bot.yaml:5: instrument.executions[0].success: expected this, argN");
  }
}
