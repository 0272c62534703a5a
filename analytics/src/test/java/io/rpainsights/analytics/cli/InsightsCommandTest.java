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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InsightsCommandTest {
  @TempDir static Path dir;
  static String db;

  @BeforeAll
  static void store() {
    Path p = dir.resolve("i.db");
    new HistoryGenerator()
        .generate(p, GeneratorConfig.of(3_000, Duration.ofDays(9), 5, 3, StoreFixture.NOW), null);
    db = p.toString();
  }

  @Test
  void jsonCsvAndCardsCarryTheSameInsights() throws Exception {
    CliRun json = CliRun.run("insights", "--db", db, "--days", "9", "--format", "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode list = Json.mapper().readTree(json.out());
    assertThat(list.size()).isPositive();
    for (String f :
        List.of(
            "id",
            "workflowId",
            "nodeId",
            "category",
            "title",
            "description",
            "recommendation",
            "expectedImpact",
            "priority")) {
      assertThat(list.get(0).has(f)).as(f).isTrue();
    }
    CliRun csv = CliRun.run("insights", "--db", db, "--days", "9", "--format", "csv");
    String[] lines = csv.outLines();
    assertThat(lines[0]).startsWith("id,priority,workflowId,nodeId,category,title");
    assertThat(lines).hasSize(list.size() + 1);
    assertThat(lines[1]).startsWith(list.get(0).get("id").asText() + ",");

    CliRun cards = CliRun.run("insights", "--db", db, "--days", "9", "--top", "2");
    assertThat(cards.out())
        .startsWith("1. [" + list.get(0).get("id").asText() + "]")
        .contains("Recommendation: ")
        .contains("Why this priority: ")
        .contains("2. [")
        .doesNotContain("3. [");
  }

  @Test
  void implementRecordsAnInsightAndLaterRunsShowIt() throws Exception {
    JsonNode list =
        Json.mapper()
            .readTree(CliRun.run("insights", "--db", db, "--days", "9", "--format", "json").out());
    String id = list.get(0).get("id").asText();
    CliRun implement =
        CliRun.run("insights", "implement", id, "--db", db, "--days", "9", "--note", "reverted");
    assertThat(implement.exitCode()).as(implement.err()).isZero();
    assertThat(implement.out()).contains("Recorded: insight " + id);

    JsonNode after =
        Json.mapper()
            .readTree(CliRun.run("insights", "--db", db, "--days", "9", "--format", "json").out());
    JsonNode same = null;
    for (JsonNode n : after) {
      if (n.get("id").asText().equals(id)) {
        same = n;
      }
    }
    assertThat(same).isNotNull();
    assertThat(same.get("status").asText()).isEqualTo("implemented");
    assertThat(same.get("measuredImpact").get("note").asText()).isEqualTo("reverted");
    assertThat(same.get("measuredImpact").get("verdict").asText()).isEqualTo("too early");
  }

  @Test
  void anUnknownIdIsOneLineAndExitTwo() {
    StatsCommandTest.assertBadInput(
        CliRun.run("insights", "implement", "ffffffffff", "--db", db), "unknown insight");
  }
}
