package io.rpainsights.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  @TempDir static Path dir;
  static String db;

  @BeforeAll
  static void store() {
    Path p = dir.resolve("c.db");
    new HistoryGenerator()
        .generate(p, GeneratorConfig.of(600, Duration.ofDays(3), 2, 4, StoreFixture.NOW), null);
    db = p.toString();
  }

  @Test
  void comparesTwoWorkflowsInEveryFormat() throws Exception {
    String[] base = {
      "compare", "--db", db, "--workflow", "invoice-processing", "--workflow", "claims-intake"
    };
    CliRun json = CliRun.run(concat(base, "--format", "json"));
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode c = Json.mapper().readTree(json.out());
    assertThat(c.get("workflowA").asText()).isEqualTo("invoice-processing");
    assertThat(c.get("a").get("medianMs").isNumber()).isTrue();
    assertThat(c.get("b").get("workflowId").asText()).isEqualTo("claims-intake");
    double expected =
        (c.get("b").get("medianMs").asDouble() - c.get("a").get("medianMs").asDouble())
            / c.get("a").get("medianMs").asDouble()
            * 100;
    assertThat(c.get("medianChangePct").asDouble()).isEqualTo(expected);

    CliRun csv = CliRun.run(concat(base, "--format", "csv"));
    assertThat(csv.outLines()[0]).isEqualTo("metric,invoice-processing,claims-intake,change");
    String median =
        java.util.Arrays.stream(csv.outLines())
            .filter(l -> l.startsWith("medianMs,"))
            .findFirst()
            .orElseThrow();
    assertThat(Double.parseDouble(median.split(",")[1]))
        .isEqualTo(c.get("a").get("medianMs").asDouble());
    assertThat(Double.parseDouble(median.split(",")[3])).isEqualTo(expected);

    CliRun table = CliRun.run(base);
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).contains("Metric").contains("B vs A").contains("median is");
  }

  @Test
  void needsExactlyTwoWorkflows() {
    StatsCommandTest.assertBadInput(
        CliRun.run("compare", "--db", db, "--workflow", "invoice-processing"), "exactly two");
  }

  @Test
  void refusesTheSameWorkflowTwice() {
    String w = "invoice-processing";
    CliRun r = CliRun.run("compare", "--db", db, "--workflow", w, "--workflow", w);
    StatsCommandTest.assertBadInput(
        r, "compare needs two different workflows, got 'invoice-processing' twice");
    assertThat(r.out()).isEmpty();
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
