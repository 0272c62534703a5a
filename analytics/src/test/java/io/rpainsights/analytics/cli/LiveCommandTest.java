package io.rpainsights.analytics.cli;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCommandTest {
  @TempDir Path dir;

  @Test
  void followRefreshesInPlaceAndOnceWithoutIt() {
    Path db = dir.resolve("l.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("r1", "w", "h", ago(Duration.ofSeconds(3)), null, "running", 4, null);
    }
    CliRun once = CliRun.run("live", "--db", db.toString());
    assertThat(once.exitCode()).isZero();
    assertThat(once.out()).doesNotContain("\u001b[H").contains("r1");

    CliRun follow =
        CliRun.run(
            "live", "--db", db.toString(), "--follow", "--interval", "1ms", "--iterations", "3");
    assertThat(follow.exitCode()).as(follow.err()).isZero();
    assertThat(follow.out().split("\u001b\\[H\u001b\\[2J", -1)).hasSize(4);
    assertThat(follow.out()).contains("1 running");
  }

  @Test
  void followAsJsonPrintsOneParsableArrayPerLine() throws Exception {
    Path db = dir.resolve("j.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("r1", "w", "h", ago(Duration.ofSeconds(3)), null, "running", 4, null);
    }
    CliRun follow =
        CliRun.run(
            "live",
            "--db",
            db.toString(),
            "--format",
            "json",
            "--follow",
            "--interval",
            "1ms",
            "--iterations",
            "3");
    assertThat(follow.exitCode()).as(follow.err()).isZero();
    String[] lines = follow.outLines();
    assertThat(lines).hasSize(3);
    for (String line : lines) {
      JsonNode refresh = Json.mapper().readTree(line);
      assertThat(refresh.isArray()).isTrue();
      assertThat(refresh.get(0).get("executionId").asText()).isEqualTo("r1");
    }
  }
}
