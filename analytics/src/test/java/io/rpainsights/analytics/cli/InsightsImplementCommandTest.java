package io.rpainsights.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code insights implement} records a fact once: its time and "before" value anchor the measured
 * impact, so a second run keeps the first record instead of restarting the measurement.
 */
class InsightsImplementCommandTest {
  static final Clock LATER =
      Clock.fixed(StoreFixture.NOW.plus(Duration.ofHours(5)), ZoneOffset.UTC);

  @TempDir Path dir;
  String db;
  String id;

  @BeforeEach
  void store() throws Exception {
    Path p = dir.resolve("impl.db");
    new HistoryGenerator()
        .generate(p, GeneratorConfig.of(3_000, Duration.ofDays(9), 5, 3, StoreFixture.NOW), null);
    db = p.toString();
    JsonNode list =
        Json.mapper()
            .readTree(CliRun.run("insights", "--db", db, "--days", "9", "--format", "json").out());
    id = list.get(0).get("id").asText();
    CliRun first =
        CliRun.run("insights", "implement", id, "--db", db, "--days", "9", "--note", "cached OCR");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("Recorded: insight " + id);
  }

  private JsonNode measuredImpact(Clock clock) throws Exception {
    CliRun r = CliRun.run(clock, "insights", "--db", db, "--days", "9", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    for (JsonNode n : Json.mapper().readTree(r.out())) {
      if (n.get("id").asText().equals(id)) {
        return n.get("measuredImpact");
      }
    }
    throw new AssertionError("insight " + id + " is gone");
  }

  @Test
  void implementingAgainKeepsTheFirstRecord() throws Exception {
    CliRun again =
        CliRun.run(
            LATER, "insights", "implement", id, "--db", db, "--days", "9", "--note", "cached OCR");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).startsWith("Already recorded (unchanged): insight " + id);
    assertThat(again.out()).contains(StoreFixture.NOW.toString().replace(":00Z", ""));

    CliRun withoutNote = CliRun.run(LATER, "insights", "implement", id, "--db", db);
    assertThat(withoutNote.exitCode()).as(withoutNote.err()).isZero();

    JsonNode m = measuredImpact(LATER);
    assertThat(java.time.Instant.parse(m.get("implementedAt").asText()))
        .isEqualTo(StoreFixture.NOW);
    assertThat(m.get("note").asText()).isEqualTo("cached OCR");
  }

  @Test
  void implementingAgainWithAnotherNoteIsRefused() throws Exception {
    CliRun again =
        CliRun.run(LATER, "insights", "implement", id, "--db", db, "--note", "something else");
    StatsCommandTest.assertBadInput(
        again, "insight '" + id + "' was already recorded as implemented at " + StoreFixture.NOW);
    assertThat(again.err()).contains("with the note 'cached OCR'");
    JsonNode m = measuredImpact(LATER);
    assertThat(m.get("note").asText()).isEqualTo("cached OCR");
    assertThat(java.time.Instant.parse(m.get("implementedAt").asText()))
        .isEqualTo(StoreFixture.NOW);
  }
}
