package io.rpainsights.analytics.store;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir Path dir;

  @Test
  void aStoreFileDeletedOrReplacedAfterOpeningIsReportedNotReadStale() throws Exception {
    Path db = dir.resolve("gone.db");
    Path other = dir.resolve("other.db");
    StoreFixture.create(db).close();
    StoreFixture.create(other).close();
    try (Store store = Store.open(db)) {
      store.dataVersion();
      Files.move(other, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertThatThrownBy(store::dataVersion)
          .isInstanceOf(StoreGoneException.class)
          .hasMessageContaining("was replaced by another file");
    }
    try (Store store = Store.open(db)) {
      Files.delete(db);
      assertThatThrownBy(store::dataVersion)
          .isInstanceOf(StoreGoneException.class)
          .hasMessageContaining("was deleted");
    }
  }

  @Test
  void aWriteTransactionThatReadsFirstWaitsForAnotherWriterInsteadOfFailing() throws Exception {
    Path db = dir.resolve("locks.db");
    try (java.sql.Connection setup = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = setup.createStatement()) {
      st.execute("CREATE TABLE t(v INTEGER)");
    }
    try (java.sql.Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.Connection ours = Store.openWriter(db)) {
      try (Statement st = other.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        st.execute("INSERT INTO t VALUES (1)");
      }
      Thread release =
          new Thread(
              () -> {
                try {
                  Thread.sleep(300);
                  try (Statement st = other.createStatement()) {
                    st.execute("COMMIT");
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      release.start();
      // Read, then write, in one transaction while the other connection holds the write lock: a
      // deferred transaction would get SQLITE_BUSY at the INSERT without waiting.
      ours.setAutoCommit(false);
      try (Statement st = ours.createStatement()) {
        st.executeQuery("SELECT count(*) FROM t").close();
        st.execute("INSERT INTO t VALUES (2)");
      }
      ours.commit();
      release.join();
      try (Statement st = ours.createStatement();
          java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void aMissingFileIsBadInput() {
    assertThatThrownBy(() -> Store.open(dir.resolve("nope.db")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("no such file");
  }

  @Test
  void aFileThatIsNotSqliteIsBadInput() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.db"), "this is not a database at all, sorry");
    assertThatThrownBy(() -> Store.open(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("as an SQLite database");
  }

  @Test
  void anSqliteFileWithoutOurTablesIsBadInput() throws Exception {
    Path other = dir.resolve("other.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + other);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
    }
    assertThatThrownBy(() -> Store.open(other))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not an RPA Insights store")
        .hasMessageContaining("executions");
  }

  @Test
  void readConnectionsCannotWrite() {
    Path db = dir.resolve("s.db");
    StoreFixture.create(db).close();
    try (Store store = Store.open(db)) {
      assertThatThrownBy(
              () ->
                  store.read(
                      c -> {
                        try (Statement st = c.createStatement()) {
                          return st.executeUpdate(
                              "INSERT INTO executions(execution_id, workflow_id, started_at,"
                                  + " status) VALUES ('x', 'w', 1, 'running')");
                        }
                      }))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("read");
    }
  }

  @Test
  void aCachedAnswerIsRecomputedWhenAnotherConnectionCommits() {
    Path db = dir.resolve("s.db");
    try (StoreFixture f = StoreFixture.create(db);
        Store store = Store.open(db)) {
      f.execution("e1", "w", ago(Duration.ofHours(1)), 10.0, "success");
      AtomicInteger computations = new AtomicInteger();
      StoreReader reader = new StoreReader(store);
      List<String> first = cachedIds(store, reader, computations);
      List<String> again = cachedIds(store, reader, computations);
      assertThat(again).isEqualTo(first).containsExactly("e1");
      assertThat(computations).hasValue(1);

      f.execution("e2", "w", ago(Duration.ofMinutes(30)), 10.0, "success");
      assertThat(cachedIds(store, reader, computations)).containsExactly("e1", "e2");
      assertThat(computations).hasValue(2);
    }
  }

  @Test
  void theWorkflowListComesFromTheIndexAndUnknownOnesAreNamed() {
    Path db = dir.resolve("s.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("e1", "beta", ago(Duration.ofHours(1)), 10.0, "success")
          .execution("e2", "alpha", ago(Duration.ofHours(2)), 10.0, "failed")
          .execution("e3", "beta", ago(Duration.ofHours(3)), 10.0, "success");
    }
    try (Store store = Store.open(db)) {
      StoreReader reader = new StoreReader(store);
      assertThat(reader.workflows()).containsExactly("alpha", "beta");
      assertThatThrownBy(() -> reader.requireWorkflow("gamma"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("unknown workflow 'gamma' (known: alpha, beta)");
    }
  }

  private static List<String> cachedIds(Store store, StoreReader reader, AtomicInteger computed) {
    Window window = Window.last(Duration.ofDays(1), StoreFixture.NOW);
    return store.cached(
        "ids",
        false,
        StoreFixture.NOW.toEpochMilli(),
        () -> {
          computed.incrementAndGet();
          List<String> ids = new ArrayList<>();
          reader.executions(RowFilter.of("w", window), Detail.IDS, r -> ids.add(r.executionId()));
          return ids;
        });
  }
}
