package io.rpainsights.analytics.cli;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;

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
}
