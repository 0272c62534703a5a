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

/** The demo's case: a run of a few minutes, analysed with windows that fit it. */
class SummaryCommandTest {
  @TempDir static Path dir;
  static String db;
  static final String[] DEMO_WINDOWS = {
    "--since",
    "10m",
    "--baseline",
    "4m",
    "--current",
    "1m",
    "--anomalies-since",
    "2m",
    "--anomaly-baseline",
    "6m",
    "--days",
    "1"
  };

  @BeforeAll
  static void store() {
    Path p = dir.resolve("demo.db");
    // Ten minutes of history; the OCR step is 3x slower in the last 2.5 minutes.
    new HistoryGenerator()
        .generate(
            p,
            new GeneratorConfig(
                3_000,
                Duration.ofMinutes(10),
                3,
                7,
                StoreFixture.NOW,
                true,
                0.01,
                2,
                Duration.ofSeconds(5)),
            null);
    db = p.toString();
  }

  @Test
  void printsStatsTopInsightsDegradationAndAnomalies() {
    CliRun r = CliRun.run(concat(new String[] {"summary", "--db", db}, DEMO_WINDOWS));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Statistics per workflow")
        .contains("Top insights")
        .contains("1. [")
        .contains("invoice-processing / ocr-extract: slower")
        .contains("Anomalies (");
  }

  @Test
  void jsonAndCsvCarryTheSameParts() throws Exception {
    JsonNode s =
        Json.mapper()
            .readTree(
                CliRun.run(
                        concat(
                            new String[] {"summary", "--db", db, "--format", "json"}, DEMO_WINDOWS))
                    .out());
    assertThat(s.get("stats").size()).isEqualTo(3);
    assertThat(s.get("insights").size()).isPositive();
    assertThat(s.get("degradation").get(0).get("nodeId").asText()).isEqualTo("ocr-extract");
    assertThat(s.has("anomalies")).isTrue();
    CliRun csv =
        CliRun.run(concat(new String[] {"summary", "--db", db, "--format", "csv"}, DEMO_WINDOWS));
    assertThat(csv.out()).contains("# stats").contains("# insights").contains("# degradation");
  }

  @Test
  void saysWhenTheStoreIsSyntheticAndOnlyThen() throws Exception {
    CliRun table = CliRun.run(concat(new String[] {"summary", "--db", db}, DEMO_WINDOWS));
    assertThat(table.outLines()[0]).startsWith("Synthetic data");
    JsonNode json =
        Json.mapper()
            .readTree(
                CliRun.run(
                        concat(
                            new String[] {"summary", "--db", db, "--format", "json"}, DEMO_WINDOWS))
                    .out());
    assertThat(json.get("synthetic").asBoolean()).isTrue();
    CliRun csv =
        CliRun.run(concat(new String[] {"summary", "--db", db, "--format", "csv"}, DEMO_WINDOWS));
    assertThat(csv.outLines()[0]).startsWith("# synthetic data");

    Path captured = dir.resolve("captured.db");
    try (StoreFixture f = StoreFixture.create(captured)) {
      f.execution("e1", "w", StoreFixture.ago(Duration.ofMinutes(3)), 100.0, "success");
    }
    CliRun real = CliRun.run("summary", "--db", captured.toString());
    assertThat(real.exitCode()).as(real.err()).isZero();
    assertThat(real.out()).doesNotContain("ynthetic");
    assertThat(
            Json.mapper()
                .readTree(
                    CliRun.run("summary", "--db", captured.toString(), "--format", "json").out())
                .get("synthetic")
                .asBoolean())
        .isFalse();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
