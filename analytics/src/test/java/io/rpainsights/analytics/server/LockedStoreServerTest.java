package io.rpainsights.analytics.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.testing.StoreFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * The server keeps answering — at once, with the same bodies — while another process holds the
 * store's write lock: the request threads are not tied up waiting to save baselines or rollup days,
 * so more requests than threads all get an answer, and one line says the state was not saved.
 */
class LockedStoreServerTest {
  static final String W = "invoice-processing";
  static final List<String> TARGETS =
      List.of(
          "/api/anomalies?since=6h",
          "/api/anomalies?since=24h",
          "/api/workflows/" + W + "/insights",
          "/api/workflows/" + W + "/stats?since=7d",
          "/api/workflows",
          "/");

  @TempDir Path dir;

  @Test
  void answersComeAtOnceAndTheSameWhileTheWriteLockIsHeld() throws Exception {
    Path base = dir.resolve("base.db");
    new HistoryGenerator()
        .generate(
            base, GeneratorConfig.of(1_500, Duration.ofDays(9), 3, 11, StoreFixture.NOW), null);
    Path locked = dir.resolve("locked.db");
    Files.copy(base, locked);

    Map<String, String> expected = new LinkedHashMap<>();
    try (DashboardServer server = start(base, new StringWriter())) {
      for (String target : TARGETS) {
        RawHttp.Answer answer = RawHttp.get(server.port(), target);
        assertThat(answer.status()).as(target).isEqualTo(200);
        expected.put(target, answer.body());
      }
    }

    SQLiteConfig config = new SQLiteConfig();
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    StringWriter err = new StringWriter();
    try (Connection holder = config.createConnection("jdbc:sqlite:" + locked)) {
      holder.setAutoCommit(false); // BEGIN IMMEDIATE: the write lock, held until closed
      long t0 = System.nanoTime();
      try (DashboardServer server = start(locked, err)) {
        // Three rounds of every route at once: more requests than the server's four threads.
        ExecutorService clients = Executors.newFixedThreadPool(TARGETS.size() * 3);
        try {
          List<Future<RawHttp.Answer>> answers = new ArrayList<>();
          for (int round = 0; round < 3; round++) {
            for (String target : TARGETS) {
              answers.add(clients.submit(() -> RawHttp.get(server.port(), target)));
            }
          }
          for (int i = 0; i < answers.size(); i++) {
            String target = TARGETS.get(i % TARGETS.size());
            RawHttp.Answer answer = answers.get(i).get();
            assertThat(answer.status()).as(target).isEqualTo(200);
            assertThat(answer.body()).as(target).isEqualTo(expected.get(target));
          }
        } finally {
          clients.shutdownNow();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
            .as("start and eighteen answers, far below the 10 s busy timeout")
            .isLessThan(Duration.ofSeconds(8));
      }
    }
    assertThat(err.toString().lines().filter(l -> l.contains("write lock was not free")))
        .as("one line for the whole incident: " + err)
        .hasSize(1);
  }

  @Test
  void aStoreReplacedUnderTheServerGets503AndALineInTheLogNotStaleAnswers() throws Exception {
    Path db = dir.resolve("served.db");
    new HistoryGenerator()
        .generate(db, GeneratorConfig.of(300, Duration.ofDays(2), 2, 5, StoreFixture.NOW), null);
    Path other = dir.resolve("other.db");
    new HistoryGenerator()
        .generate(other, GeneratorConfig.of(200, Duration.ofDays(2), 2, 6, StoreFixture.NOW), null);
    StringWriter err = new StringWriter();
    try (DashboardServer server = start(db, err)) {
      assertThat(RawHttp.get(server.port(), "/api/workflows").status()).isEqualTo(200);
      Files.move(other, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      RawHttp.Answer answer = RawHttp.get(server.port(), "/api/workflows");
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.body()).contains("deleted or replaced").doesNotContain(db.toString());
    }
    assertThat(err.toString()).contains(db + " was replaced by another file");
  }

  private static DashboardServer start(Path db, StringWriter err) {
    return DashboardServer.start(
        ServerConfig.builder(db)
            .port(0)
            .clock(StoreFixture.CLOCK)
            .err(new PrintWriter(err, true))
            .build());
  }
}
