package io.rpainsights.analytics.cli;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trend --node}: a step the workflow never ran is bad input, as an unknown workflow is. */
class TrendCommandTest {
  @TempDir Path dir;
  String db;

  @BeforeEach
  void fixture() {
    Path p = dir.resolve("trend.db");
    db = p.toString();
    try (StoreFixture f = StoreFixture.create(p)) {
      f.execution("e1", "invoice", ago(Duration.ofHours(3)), 1000.0, "success")
          .step("e1", "invoice", "ocr", "ocr", 1, ago(Duration.ofHours(3)), 600, "success", null)
          .step("e1", "invoice", "login", "ui", 2, ago(Duration.ofHours(3)), 300, "success", null)
          // A step that ran long ago, outside the default 7-day window.
          .execution("e0", "invoice", ago(Duration.ofDays(30)), 1000.0, "success")
          .step("e0", "invoice", "archive", "io", 1, ago(Duration.ofDays(30)), 50, "success", null)
          .execution("m1", "mail", ago(Duration.ofHours(2)), 500.0, "success")
          .step("m1", "mail", "send", "smtp", 1, ago(Duration.ofHours(2)), 400, "success", null);
    }
  }

  @Test
  void anUnknownNodeIsOneLineAndExitTwoLikeAnUnknownWorkflow() {
    StatsCommandTest.assertBadInput(
        CliRun.run("trend", "--db", db, "--workflow", "invoice", "--node", "nope"),
        "unknown node 'nope' in workflow 'invoice' (known: archive, login, ocr)");
    // A step of another workflow is not one of this workflow's.
    StatsCommandTest.assertBadInput(
        CliRun.run("trend", "--db", db, "--workflow", "invoice", "--node", "send"),
        "unknown node 'send' in workflow 'invoice'");
    // The workflow is checked first, with its own message.
    StatsCommandTest.assertBadInput(
        CliRun.run("trend", "--db", db, "--workflow", "nope", "--node", "ocr"),
        "unknown workflow 'nope'");
  }

  @Test
  void aKnownNodeWithoutRunsInTheWindowAnswersWithEmptyBuckets() throws Exception {
    CliRun r =
        CliRun.run(
            "trend",
            "--db",
            db,
            "--workflow",
            "invoice",
            "--node",
            "archive",
            "--bucket",
            "1d",
            "--format",
            "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.size()).isPositive();
    for (JsonNode point : json) {
      assertThat(point.get("count").asLong()).isZero();
    }
  }

  @Test
  void aKnownNodeCountsItsRuns() throws Exception {
    CliRun r =
        CliRun.run(
            "trend",
            "--db",
            db,
            "--workflow",
            "invoice",
            "--node",
            "ocr",
            "--bucket",
            "1d",
            "--format",
            "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    long total = 0;
    for (JsonNode point : Json.mapper().readTree(r.out())) {
      total += point.get("count").asLong();
    }
    assertThat(total).isOne();
  }
}
