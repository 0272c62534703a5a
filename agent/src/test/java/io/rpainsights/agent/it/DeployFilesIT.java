package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files under {@code deploy/}: the alert rules pass {@code promtool check rules} and their unit
 * tests, the example scrape config passes {@code promtool check config}, and the Grafana dashboard
 * is well formed and asks only for metrics the agent serves.
 */
class DeployFilesIT {

  private static final Pattern METRIC = Pattern.compile("\\b(rpa_[a-z_]+)\\b");

  @Test
  void alertRulesPassPromtoolAndTheirUnitTests() throws Exception {
    assertThat(promtool("check", "rules", DeployFiles.ALERTS.getFileName().toString()))
        .contains("SUCCESS: 9 rules found");
    assertThat(promtool("test", "rules", DeployFiles.ALERTS_TEST.getFileName().toString()))
        .contains("SUCCESS");
  }

  @Test
  void theExampleScrapeConfigIsValid() throws Exception {
    assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
  }

  @Test
  void rulesAndDashboardNameOnlyMetricsTheAgentServes() throws Exception {
    Set<String> served = new HashSet<>(PrometheusEndpointIT.DOCUMENTED_NAMES);
    served.addAll(
        List.of(
            "rpa_step_duration_seconds_count",
            "rpa_step_duration_seconds_sum",
            "rpa_recovery_duration_seconds_count",
            "rpa_recovery_duration_seconds_sum",
            "rpa_system_cpu_percent",
            "rpa_system_memory_used_bytes"));
    Set<String> used = new TreeSet<>();
    collect(Files.readString(DeployFiles.ALERTS, StandardCharsets.UTF_8), used);
    for (String query : DeployFiles.dashboardQueries()) {
      collect(query, used);
    }
    assertThat(used).isNotEmpty();
    assertThat(served).containsAll(used);
  }

  @Test
  void theDashboardIsWellFormed() throws Exception {
    JsonNode dashboard = DeployFiles.dashboard();
    assertThat(dashboard.get("uid").asText()).isEqualTo("rpa-insights-bots");
    List<String> variables = new ArrayList<>();
    for (JsonNode variable : dashboard.at("/templating/list")) {
      variables.add(variable.get("name").asText());
    }
    assertThat(variables).containsExactly("datasource", "job", "instance", "workflow");
    Set<Integer> ids = new HashSet<>();
    List<String> titles = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(ids.add(panel.get("id").asInt())).as("unique panel id").isTrue();
      JsonNode grid = panel.get("gridPos");
      assertThat(grid.get("x").asInt() + grid.get("w").asInt()).isLessThanOrEqualTo(24);
      titles.add(panel.get("title").asText());
      if (panel.has("targets")) {
        assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${datasource}");
        for (JsonNode target : panel.get("targets")) {
          assertThat(target.get("expr").asText()).isNotBlank();
        }
      }
    }
    assertThat(titles)
        .contains(
            "Executions / s by status",
            "Execution duration p50 / p95",
            "Running executions",
            "Step p95 by action",
            "Recovery success rate by strategy",
            "Events dropped and store write errors / s");
  }

  private static void collect(String text, Set<String> names) {
    Matcher matcher = METRIC.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
  }

  /**
   * Runs promtool in deploy/prometheus (where the rule tests name their files) and returns its
   * output.
   */
  private static String promtool(String... arguments) throws Exception {
    Path promtool = ExternalTools.require("promtool", "apt-get install prometheus");
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(DeployFiles.PROMETHEUS.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("promtool %s:\n%s", List.of(arguments), output).isZero();
    return output;
  }
}
