package io.rpainsights.analytics.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.testing.StoreFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure inside the server is a 500 with a generic message: the store's path, SQL and stack
 * traces stay out of the answer; the server's log names the request, and only with {@code --debug}
 * the failure itself.
 */
class InternalErrorTest {
  @TempDir Path dir;

  private Path brokenLater() {
    Path db = dir.resolve("broken.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("e1", "w", StoreFixture.ago(Duration.ofHours(1)), 1000.0, "success");
      f.step(
          "e1", "w", "ocr", "ocr", 1, StoreFixture.ago(Duration.ofHours(1)), 900, "success", null);
    }
    return db;
  }

  private static String failOnce(Path db, boolean debug, StringWriter err) {
    try (DashboardServer server =
        DashboardServer.start(
            ServerConfig.builder(db)
                .port(0)
                .debug(debug)
                .clock(StoreFixture.CLOCK)
                .err(new PrintWriter(err, true))
                .build())) {
      // Another producer's migration gone wrong: the steps table vanishes under the server.
      try (StoreFixture f = StoreFixture.create(db)) {
        f.sql("DROP TABLE steps");
      }
      RawHttp.Answer a = RawHttp.get(server.port(), "/api/workflows/w/bottlenecks?top=3");
      assertThat(a.status()).isEqualTo(500);
      assertThat(a.json().get("error").asText())
          .isEqualTo("internal error (the server's log has the details)");
      assertThat(a.body()).doesNotContain("steps").doesNotContain(db.toString());
      // The server goes on answering what it can.
      assertThat(RawHttp.get(server.port(), "/api/workflows").status()).isEqualTo(200);
      return a.body();
    }
  }

  @Test
  void aFailureIsA500WithAGenericMessageAndOneLogLine() {
    Path db = brokenLater();
    StringWriter err = new StringWriter();
    failOnce(db, false, err);
    assertThat(err.toString())
        .contains(
            "rpa-insights serve: internal error answering GET /api/workflows/w/bottlenecks"
                + " (run with --debug for details)")
        .doesNotContain("no such table")
        .doesNotContain("\tat ");
  }

  @Test
  void debugLogsTheFailureWithItsStackTrace() {
    Path db = brokenLater();
    StringWriter err = new StringWriter();
    failOnce(db, true, err);
    assertThat(err.toString())
        .contains("internal error answering GET /api/workflows/w/bottlenecks: ")
        .contains("no such table")
        .contains("\tat ");
  }
}
