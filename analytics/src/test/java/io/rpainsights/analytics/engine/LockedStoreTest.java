package io.rpainsights.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.engine.anomaly.Anomaly;
import io.rpainsights.analytics.engine.anomaly.AnomalyQuery;
import io.rpainsights.analytics.engine.insight.Insight;
import io.rpainsights.analytics.engine.insight.InsightQuery;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.store.StoreOptions;
import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteConfig;

/**
 * While another process holds the store's write lock (the agent in a long transaction, an archive's
 * delete, a {@code sqlite3} shell in {@code BEGIN IMMEDIATE}), answers that would save analytics'
 * own state (baselines, rollup days) come at once and the same, without saving; a later answer
 * saves once the lock is free. On a WAL store and on a rollback-journal one (a bot that is not a
 * JVM may write one): a held RESERVED lock does not stop readers in either mode.
 */
class LockedStoreTest {
  /** Far below the 10 s busy timeout the answers used to wait out, once per workflow. */
  static final Duration BOUND = Duration.ofSeconds(7);

  static final AnomalyQuery ANOMALIES = AnomalyQuery.of(null, TimeRange.last(Duration.ofHours(6)));
  static final InsightQuery INSIGHTS = new InsightQuery(null, 30);

  @TempDir static Path dir;
  static Path base;

  @BeforeAll
  static void history() {
    base = dir.resolve("base.db");
    new HistoryGenerator()
        .generate(
            base, GeneratorConfig.of(1_500, Duration.ofDays(9), 3, 11, StoreFixture.NOW), null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"wal", "delete"})
  void answersDoNotWaitForTheStoresWriteLockAndStateIsSavedLater(String journal) throws Exception {
    Path db = dir.resolve(journal + ".db");
    Files.copy(base, db);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode = " + journal);
    }
    List<Anomaly> anomalies;
    List<Insight> insights;
    try (Analytics reference =
        Analytics.open(
            db, StoreFixture.CLOCK, StoreOptions.defaults().withoutStateWrites().withoutCache())) {
      anomalies = reference.anomalies().anomalies(ANOMALIES);
      insights = reference.insights().insights(INSIGHTS);
    }
    assertThat(anomalies).isNotEmpty();
    assertThat(insights).isNotEmpty();
    assertThat(savedState(db)).isZero();

    List<String> notices = new CopyOnWriteArrayList<>();
    try (Analytics a =
        Analytics.open(db, StoreFixture.CLOCK, StoreOptions.defaults().withoutCache())) {
      a.store().reportNoticesTo(notices::add);
      Connection holder = holdWriteLock(db);
      try {
        for (int i = 0; i < 3; i++) {
          long t0 = System.nanoTime();
          assertThat(a.anomalies().anomalies(ANOMALIES)).isEqualTo(anomalies);
          assertThat(a.insights().insights(INSIGHTS)).isEqualTo(insights);
          assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(BOUND);
        }
        assertThat(savedState(db)).as("nothing saved while the lock is held").isZero();
        assertThat(a.store().skippedSaves()).isPositive();
        assertThat(notices).as("one notice for the whole incident").hasSize(1);
        assertThat(notices.get(0)).contains("write lock was not free");
      } finally {
        holder.close();
      }
      // A later answer saves, once the pause after the skip is over.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (savedState(db) == 0 || a.store().skippedSaves() > 0) {
        assertThat(System.nanoTime()).as("saved within 20 s of the release").isLessThan(deadline);
        assertThat(a.anomalies().anomalies(ANOMALIES)).isEqualTo(anomalies);
        assertThat(a.insights().insights(INSIGHTS)).isEqualTo(insights);
      }
      assertThat(savedState(db)).isPositive();
      assertThat(notices).hasSize(2);
      assertThat(notices.get(1)).contains("saved again");
    }
  }

  /** A plain JDBC connection in {@code BEGIN IMMEDIATE}: the store's write lock, held. */
  static Connection holdWriteLock(Path db) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    Connection c = config.createConnection("jdbc:sqlite:" + db);
    c.setAutoCommit(false);
    return c;
  }

  /** Rows of analytics' saved state: baselines and rollup days (0 when neither table exists). */
  static long savedState(Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      long rows = 0;
      for (String table : List.of("analytics_baselines", "analytics_rollup_days")) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                    + table
                    + "'")) {
          rs.next();
          if (rs.getInt(1) == 0) {
            return 0;
          }
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          if (rs.getLong(1) == 0) {
            return 0;
          }
          rows += rs.getLong(1);
        }
      }
      return rows;
    }
  }
}
