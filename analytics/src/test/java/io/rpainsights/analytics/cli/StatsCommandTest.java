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

class StatsCommandTest {
  @TempDir Path dir;
  String db;

  @BeforeEach
  void fixture() {
    Path p = dir.resolve("cli.db");
    db = p.toString();
    try (StoreFixture f = StoreFixture.create(p)) {
      f.execution("e1", "invoice", ago(Duration.ofHours(3)), 100.0, "success")
          .execution("e2", "invoice", ago(Duration.ofHours(2)), 2500.0, "success")
          .execution("e3", "invoice", ago(Duration.ofHours(1)), 180_000.0, "failed")
          .step("e1", "invoice", "ocr", "ocr", 1, ago(Duration.ofHours(3)), 90, "success", null);
    }
  }

  @Test
  void tableIsAlignedWithHumanisedDurations() {
    CliRun r = CliRun.run("stats", "--db", db);
    assertThat(r.exitCode()).isZero();
    String[] lines = r.outLines();
    assertThat(lines[0]).startsWith("Workflow").contains("Median").contains("p95");
    assertThat(lines[1]).matches("[- ]+");
    assertThat(lines[2]).startsWith("invoice").contains("2.50 s").contains("3.0 min");
    assertThat(lines[2]).contains("66.7 %");
    // Right-aligned numbers end where their headers end.
    assertThat(lines[2].length()).isEqualTo(lines[1].length());
  }

  @Test
  void jsonHasTheDocumentedFieldsInMilliseconds() throws Exception {
    CliRun r = CliRun.run("stats", "--db", db, "--format", "json");
    assertThat(r.exitCode()).isZero();
    JsonNode row = Json.mapper().readTree(r.out()).get(0);
    assertThat(row.get("workflowId").asText()).isEqualTo("invoice");
    assertThat(row.get("count").asLong()).isEqualTo(3);
    assertThat(row.get("successRate").asDouble()).isEqualTo(2.0 / 3);
    assertThat(row.get("medianMs").asDouble()).isEqualTo(2500.0);
    assertThat(row.get("p95Ms").asDouble()).isEqualTo(2500 + 0.9 * (180_000 - 2500));
    for (String f : new String[] {"avgMs", "p99Ms", "minMs", "maxMs", "stddevMs"}) {
      assertThat(row.has(f)).as(f).isTrue();
    }
    assertThat(row.has("nodeId")).isFalse();
  }

  @Test
  void groupKeysThatAreNullInTheStoreArePresentAsNullAndOtherKeysAbsent() throws Exception {
    Path p = storeWithNullKeys();
    JsonNode byStep = statsJson(p, "step");
    assertThat(byStep).hasSize(2);
    JsonNode nullStep = byStep.get(0);
    assertThat(nullStep.has("nodeId")).isTrue();
    assertThat(nullStep.get("nodeId").isNull()).isTrue();
    assertThat(nullStep.get("actionType").isNull()).isTrue();
    assertThat(nullStep.get("medianMs").asDouble()).isEqualTo(40.0);
    assertThat(nullStep.has("host")).isFalse();
    assertThat(byStep.get(1).get("nodeId").asText()).isEqualTo("ocr");
    assertThat(byStep.get(1).get("actionType").asText()).isEqualTo("read");

    JsonNode byAction = statsJson(p, "action");
    assertThat(byAction).hasSize(2);
    assertThat(byAction.get(0).has("actionType")).isTrue();
    assertThat(byAction.get(0).get("actionType").isNull()).isTrue();
    assertThat(byAction.get(0).has("nodeId")).isFalse();
    assertThat(byAction.get(1).get("actionType").asText()).isEqualTo("read");

    JsonNode byWorkflow = statsJson(p, "workflow").get(0);
    for (String f : new String[] {"nodeId", "actionType", "host"}) {
      assertThat(byWorkflow.has(f)).as(f).isFalse();
    }
  }

  @Test
  void aNullHostIsItsOwnGroupAndStaysNull() throws Exception {
    JsonNode byHost = statsJson(storeWithNullKeys(), "host");
    assertThat(byHost).hasSize(2);
    assertThat(byHost.get(0).has("host")).isTrue();
    assertThat(byHost.get(0).get("host").isNull()).isTrue();
    assertThat(byHost.get(0).get("medianMs").asDouble()).isEqualTo(100.0);
    assertThat(byHost.get(0).has("nodeId")).isFalse();
    assertThat(byHost.get(1).get("host").asText()).isEqualTo("host-a");
  }

  @Test
  void infiniteDurationsFromAnotherWriterAreLeftOutLikeUnknownOnes() throws Exception {
    // Another writer stored duration_ms = 9e999 (+Infinity) and -9e999 for two executions and
    // two steps; they still count as runs, but have no duration.
    try (StoreFixture f = StoreFixture.create(Path.of(db))) {
      f.execution("e4", "invoice", ago(Duration.ofMinutes(50)), 1.0, "success")
          .execution("e5", "invoice", ago(Duration.ofMinutes(40)), 1.0, "success")
          .step("e4", "invoice", "ocr", "ocr", 1, ago(Duration.ofMinutes(50)), 1, "success", null)
          .step("e5", "invoice", "ocr", "ocr", 1, ago(Duration.ofMinutes(40)), 1, "success", null)
          .sql("UPDATE executions SET duration_ms = 9e999 WHERE execution_id = 'e4'")
          .sql("UPDATE executions SET duration_ms = -9e999 WHERE execution_id = 'e5'")
          .sql("UPDATE steps SET duration_ms = 9e999 WHERE execution_id = 'e4'")
          .sql("UPDATE steps SET duration_ms = -9e999 WHERE execution_id = 'e5'");
    }
    // Left: 100, 2500, 180000 (by hand: R-7 p95 h = 1.9 → 2500 + 0.9·177500).
    for (String window : new String[] {"7d", "12h"}) { // rollup, then rows
      CliRun r = CliRun.run("stats", "--db", db, "--since", window, "--format", "json");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).doesNotContain("Infinity").doesNotContain("NaN");
      JsonNode row = Json.mapper().readTree(r.out()).get(0);
      assertThat(row.get("count").asLong()).isEqualTo(5);
      assertThat(row.get("successRate").asDouble()).isEqualTo(4.0 / 5);
      assertThat(row.get("avgMs").asDouble()).isEqualTo(182_600.0 / 3);
      assertThat(row.get("medianMs").asDouble()).isEqualTo(2500.0);
      assertThat(row.get("p95Ms").asDouble()).isEqualTo(2500 + 0.9 * (180_000 - 2500));
      assertThat(row.get("minMs").asDouble()).isEqualTo(100.0);
      assertThat(row.get("maxMs").asDouble()).isEqualTo(180_000.0);

      JsonNode step =
          Json.mapper()
              .readTree(
                  CliRun.run(
                          "stats",
                          "--db",
                          db,
                          "--since",
                          window,
                          "--by",
                          "step",
                          "--format",
                          "json")
                      .out())
              .get(0);
      assertThat(step.get("count").asLong()).isEqualTo(3);
      assertThat(step.get("medianMs").asDouble()).isEqualTo(90.0);
      assertThat(step.get("maxMs").asDouble()).isEqualTo(90.0);
    }
    String[][] others = {
      {"stats", "--by", "host"},
      {"bottlenecks", "--workflow", "invoice"},
      {"degradation", "--workflow", "invoice", "--baseline", "7d", "--current", "1d"},
      {"trend", "--workflow", "invoice", "--bucket", "1h"},
      {"anomalies", "--since", "7d"},
      {"insights"},
      {"success", "--by", "step"},
    };
    for (String[] args : others) {
      String[] full = java.util.Arrays.copyOf(args, args.length + 4);
      System.arraycopy(new String[] {"--db", db, "--format", "json"}, 0, full, args.length, 4);
      CliRun r = CliRun.run(full);
      assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
      assertThat(r.out()).as(String.join(" ", args)).doesNotContain("Infinity");
    }
  }

  /** Another producer left node_id, action_type and host NULL. */
  private Path storeWithNullKeys() {
    Path p = dir.resolve("nulls.db");
    try (StoreFixture f = StoreFixture.create(p)) {
      f.execution("n1", "bot", null, ago(Duration.ofHours(2)), 100.0, "success", null, null)
          .execution("n2", "bot", "host-a", ago(Duration.ofHours(1)), 300.0, "success", null, null)
          .step("n1", "bot", null, null, 1, ago(Duration.ofHours(2)), 40, "success", null)
          .step("n2", "bot", "ocr", "read", 2, ago(Duration.ofHours(1)), 60, "success", null);
    }
    return p;
  }

  private static JsonNode statsJson(Path db, String by) throws Exception {
    CliRun r = CliRun.run("stats", "--db", db.toString(), "--by", by, "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  @Test
  void csvHeaderUsesTheJsonFieldNamesAndRawValues() {
    CliRun r = CliRun.run("stats", "--db", db, "--format", "csv", "--by", "step");
    assertThat(r.exitCode()).isZero();
    String[] lines = r.outLines();
    assertThat(lines[0])
        .isEqualTo(
            "workflowId,nodeId,actionType,count,successRate,avgMs,medianMs,p95Ms,p99Ms,minMs,"
                + "maxMs,stddevMs");
    assertThat(lines[1]).isEqualTo("invoice,ocr,ocr,1,1,90,90,90,90,90,90,");
  }

  @Test
  void anUnknownWorkflowIsOneLineAndExitTwo() {
    assertBadInput(
        CliRun.run("stats", "--db", db, "--workflow", "nope"), "unknown workflow 'nope'");
  }

  @Test
  void aMalformedDurationIsOneLineAndExitTwo() {
    assertBadInput(CliRun.run("stats", "--db", db, "--since", "7x"), "malformed duration '7x'");
  }

  @Test
  void anAbsurdlyLongWindowOrBucketIsOneLineAndExitTwo() {
    assertBadInput(
        CliRun.run("stats", "--db", db, "--since", "999999999999d"), "too large (at most 36500d)");
    assertBadInput(
        CliRun.run("trend", "--db", db, "--workflow", "invoice", "--bucket", "999999999999d"),
        "too large");
  }

  @Test
  void aMissingFileIsOneLineAndExitTwo() {
    assertBadInput(
        CliRun.run("stats", "--db", dir.resolve("missing.db").toString()), "no such file");
  }

  @Test
  void aDatabaseThatIsNotOursIsOneLineAndExitTwo() throws Exception {
    Path other = dir.resolve("other.db");
    java.nio.file.Files.writeString(other, "plain text");
    assertBadInput(CliRun.run("stats", "--db", other.toString()), "SQLite");
  }

  @Test
  void unknownOptionsGroupingsFormatsAndStatusesAreOneLineAndExitTwo() {
    assertBadInput(CliRun.run("stats", "--db", db, "--by", "planet"), "unknown grouping");
    assertBadInput(CliRun.run("stats", "--db", db, "--format", "xml"), "--format");
    assertBadInput(CliRun.run("stats", "--db", db, "--bogus"), "--bogus");
    assertBadInput(
        CliRun.run("stats", "--db", db, "--by", "step", "--status", "timeout"), "status");
    assertBadInput(CliRun.run("stats"), "--db");
    assertBadInput(CliRun.run("nonsense"), "nonsense");
  }

  @Test
  void debugAddsTheStackTrace() {
    CliRun r = CliRun.run("stats", "--db", db, "--workflow", "nope", "--debug");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("InvalidInputException").contains("\tat ");
  }

  @Test
  void helpWorksOnTheCommand() {
    CliRun r = CliRun.run("stats", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--since").contains("--by").contains("--format");
  }

  static void assertBadInput(CliRun r, String fragment) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains(fragment);
    assertThat(r.err()).doesNotContain("\tat ");
  }
}
