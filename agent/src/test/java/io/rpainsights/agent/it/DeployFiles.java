package io.rpainsights.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The files under {@code deploy/} (the module runs its tests from {@code agent/}). */
final class DeployFiles {

  static final Path DEPLOY = Paths.get(System.getProperty("deploy.dir", "../deploy"));
  static final Path PROMETHEUS = DEPLOY.resolve("prometheus");
  static final Path ALERTS = PROMETHEUS.resolve("alerts.yml");
  static final Path ALERTS_TEST = PROMETHEUS.resolve("alerts-test.yml");
  static final Path DASHBOARD = DEPLOY.resolve("grafana/rpa-insights-dashboard.json");

  private DeployFiles() {}

  static JsonNode dashboard() throws IOException {
    return new ObjectMapper().readTree(DASHBOARD.toFile());
  }

  /** Every query of every panel, as written (with Grafana's variables). */
  static List<String> dashboardQueries() throws IOException {
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard().get("panels")) {
      JsonNode targets = panel.get("targets");
      if (targets != null) {
        for (JsonNode target : targets) {
          queries.add(target.get("expr").asText());
        }
      }
    }
    return queries;
  }

  /** A dashboard query with its variables set to "everything", as Grafana sends it. */
  static String resolve(String query) {
    return query
        .replace("$__rate_interval", "1m")
        .replace("$__range", "5m")
        .replace("$job", ".*")
        .replace("$instance", ".*")
        .replace("$workflow", ".*");
  }
}
