package io.rpainsights.analytics.store;

import io.rpainsights.schema.StoreSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * An RPA Insights store opened for analysis.
 *
 * <p>The agent's tables are only ever read, through connections opened {@code SQLITE_OPEN_READONLY}
 * (WAL readers never block the writer). Analytics' own state lives in tables prefixed {@code
 * analytics_}, written through one lazily opened read-write connection in short transactions.
 *
 * <p>Thread-safe: read connections are pooled (one per concurrent reader), the write connection is
 * used under a lock. Saves that ride along with an answer ({@link #saveAnalytics}) wait for that
 * lock and for the store's write lock at most {@link StoreOptions#stateSaveWait()} each, and are
 * skipped otherwise ({@link StateSaves}): an answer never waits out the busy timeout because the
 * agent, an archive or a {@code sqlite3} shell holds the store's write lock. Cached results are
 * invalidated by {@code PRAGMA data_version}, which changes whenever any other connection — the
 * agent, another process, or our own writer — commits; it is read on one dedicated connection
 * because the value is only comparable within a connection.
 */
public final class Store implements AutoCloseable {
  /** At most this many idle read connections are kept; more may be open under load. */
  private static final int MAX_IDLE_READERS = 4;

  private final Path path;
  private final StoreOptions options;
  private final ConcurrentLinkedQueue<Connection> idleReaders = new ConcurrentLinkedQueue<>();
  private final Connection monitor;
  private final QueryCache cache;
  private final ReentrantLock writeLock = new ReentrantLock();
  private Connection writer; // guarded by writeLock
  private long writerEpoch; // guarded by writeLock: how many writer connections were opened
  private final StateSaves saves;
  private volatile boolean closed;

  /** The identity (device, inode) of the file opened, or null where the file system has none. */
  private final Object fileKey;

  private Store(Path path, StoreOptions options, Connection monitor) {
    this.path = path;
    this.options = options;
    this.monitor = monitor;
    this.fileKey = fileKey(path);
    this.cache = new QueryCache(options.cacheEntries());
    this.saves =
        new StateSaves(
            options.stateSaveWait().multipliedBy(10),
            System::nanoTime,
            line -> System.err.println("rpa-insights: " + line));
  }

  /** Opens a store with the default options; see {@link #open(Path, StoreOptions)}. */
  public static Store open(Path path) {
    return open(path, StoreOptions.defaults());
  }

  /**
   * Opens {@code path} for analysis after checking that it is an RPA Insights store: it must exist
   * and hold every documented table with every documented column (any producer, any schema version
   * ≥ 1, or none at all). Columns and tables beyond the documented ones are optional.
   *
   * @throws InvalidInputException when the file is missing, not SQLite, not ours, or lacks a
   *     documented column
   */
  public static Store open(Path path, StoreOptions options) {
    if (!Files.exists(path)) {
      throw new InvalidInputException("no such file: " + path);
    }
    if (!Files.isRegularFile(path)) {
      throw new InvalidInputException("not a file: " + path);
    }
    if (!Files.isReadable(path)) {
      throw new InvalidInputException("cannot read " + path + ": permission denied");
    }
    Connection connection = null;
    try {
      connection = connect(path, true, false, options.busyTimeout(), options);
      if (!StoreSchema.hasDocumentedTables(connection)) {
        throw new InvalidInputException(
            path
                + " is not an RPA Insights store: it lacks the table(s) "
                + String.join(", ", missingTables(connection)));
      }
      Map<String, List<String>> missingColumns = StoreSchema.missingDocumentedColumns(connection);
      if (!missingColumns.isEmpty()) {
        throw new InvalidInputException(
            path + " is not a complete RPA Insights store: " + describe(missingColumns));
      }
      return new Store(path, options, connection);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new InvalidInputException(
          "cannot read " + path + " as an SQLite database: " + firstLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  public Path path() {
    return path;
  }

  /** The options it was opened with. */
  public StoreOptions options() {
    return options;
  }

  /** Runs read-only work on a pooled read connection. */
  public <T> T read(SqlFunction<T> work) {
    Connection connection = borrow();
    boolean healthy = false;
    try {
      T result = work.apply(connection);
      healthy = true;
      return result;
    } catch (SQLException e) {
      throw new StoreException("reading " + path + " failed: " + firstLine(e.getMessage()), e);
    } finally {
      giveBack(connection, healthy);
    }
  }

  /**
   * Runs work on analytics' own tables ({@code analytics_*}) in one short transaction on the
   * store's single read-write connection, waiting up to the busy timeout for the store's write
   * lock: for writes the user asked for ({@code insights implement}). Never use it for the agent's
   * tables.
   *
   * @throws StoreException when the store cannot be written (read-only file or directory, lock not
   *     free within the busy timeout) or the work fails; the transaction is rolled back
   */
  public <T> T writeAnalytics(SqlFunction<T> work) {
    writeLock.lock();
    try {
      return transaction(work, options.busyTimeout());
    } catch (SQLException e) {
      throw new StoreException("writing to " + path + " failed: " + firstLine(e.getMessage()), e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Saves analytics' own state as a side effect of an answer (baselines, rollup days): like {@link
   * #writeAnalytics}, but when the write lock — ours, then the store's — is not free within {@link
   * StoreOptions#stateSaveWait()}, or saves are paused after such a skip, nothing is written and
   * the result is empty; the caller answers without saving, and a later answer saves. Skips are
   * reported once per incident (see {@link #reportNoticesTo}).
   *
   * @return the work's result, or empty when the save was skipped or the store may not be written
   * @throws StoreException when the work or the store failed otherwise; rolled back
   */
  public <T> Optional<T> saveAnalytics(SqlFunction<T> work) {
    if (!isWritable() || !saves.mayTry()) {
      return Optional.empty();
    }
    Duration wait = options.stateSaveWait();
    boolean locked;
    try {
      locked = writeLock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    if (!locked) {
      saves.skipped("another write of analytics' own state took longer than " + millis(wait));
      return Optional.empty();
    }
    try {
      T result = transaction(work, wait);
      saves.saved();
      return Optional.ofNullable(result);
    } catch (SQLException e) {
      if (isBusy(e)) {
        saves.skipped(
            "the store's write lock was not free within "
                + millis(wait)
                + " (the agent, an archive or another process holds it)");
        return Optional.empty();
      }
      throw new StoreException("writing to " + path + " failed: " + firstLine(e.getMessage()), e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Where notices about skipped saves go (one line each, without a prefix); stderr prefixed {@code
   * rpa-insights:} until set. The server sets its own log.
   */
  public void reportNoticesTo(Consumer<String> notices) {
    saves.noticesTo(notices);
  }

  /** How many saves were skipped since the last one that worked (tests, diagnostics). */
  public long skippedSaves() {
    return saves.skippedSoFar();
  }

  /**
   * One transaction on the writer, whose {@code BEGIN IMMEDIATE} waits up to {@code wait} for the
   * store's write lock. Ended by {@code setAutoCommit(true)}, which only commits: sqlite-jdbc's
   * {@code commit()} and {@code rollback()} begin the next transaction at once, which takes the
   * write lock again and may wait for it a second time. On any failure the connection is closed
   * (which rolls back) rather than reused in a state sqlite-jdbc and SQLite may disagree on.
   */
  private <T> T transaction(SqlFunction<T> work, Duration wait) throws SQLException {
    Connection c = writer();
    boolean done = false;
    SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
    try {
      sqlite.setBusyTimeout(timeoutMillis(wait));
      c.setAutoCommit(false);
      T result = work.apply(c);
      c.setAutoCommit(true);
      done = true;
      return result;
    } finally {
      if (done) {
        // Back to the short wait, which writerDataVersion() also runs under.
        sqlite.setBusyTimeout(timeoutMillis(options.stateSaveWait()));
      } else {
        closeQuietly(writer);
        writer = null;
      }
    }
  }

  /** The writer connection, opened on first use. Caller holds writeLock. */
  private Connection writer() throws SQLException {
    if (closed) {
      throw new IllegalStateException("store " + path + " is closed");
    }
    if (writer == null) {
      writer = connect(path, false, true, options.stateSaveWait(), options);
      writerEpoch++;
    }
    return writer;
  }

  private static boolean isBusy(SQLException e) {
    if (e instanceof SQLiteException s) {
      // Extended codes (SQLITE_BUSY_SNAPSHOT, …) carry the primary one in their low byte.
      int primary = s.getResultCode().code & 0xff;
      return primary == SQLiteErrorCode.SQLITE_BUSY.code
          || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
    }
    return false;
  }

  private static String millis(Duration d) {
    return d.toMillis() + " ms";
  }

  private static int timeoutMillis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  /**
   * Whether analytics may and can keep its own state in this store: allowed by the options, file
   * and folder writable.
   */
  public boolean isWritable() {
    Path dir = path.toAbsolutePath().getParent();
    return options.writeState() && Files.isWritable(path) && (dir == null || Files.isWritable(dir));
  }

  /**
   * A number that changes whenever another connection has committed to the store.
   *
   * @throws StoreGoneException when the file at the store's path is no longer the one opened
   */
  public long dataVersion() {
    checkStillTheSameFile();
    synchronized (monitor) {
      try (Statement st = monitor.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA data_version")) {
        return rs.next() ? rs.getLong(1) : 0;
      } catch (SQLException e) {
        throw new StoreException("reading " + path + " failed: " + firstLine(e.getMessage()), e);
      }
    }
  }

  /**
   * Refuses to go on reading a file that was deleted or replaced since it was opened: SQLite's open
   * connections keep reading the old file (its inode lives while they hold it), so answers would be
   * stale forever without a word. One {@code stat} per call; every cached answer and every tick of
   * the live stream asks for the data version first.
   */
  private void checkStillTheSameFile() {
    if (fileKey == null) {
      return;
    }
    Object now = fileKey(path);
    if (!fileKey.equals(now)) {
      throw new StoreGoneException(
          "the store "
              + path
              + (now == null ? " was deleted" : " was replaced by another file")
              + " after it was opened; answers would come from the old file: start the command"
              + " again to read the file now at that path");
    }
  }

  private static Object fileKey(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * {@code PRAGMA data_version} on the read-write connection: it changes when any other connection
   * commits, but not for analytics' own writes, so the rollup can tell "someone else wrote" from
   * "we refreshed". The value is only comparable within one connection, so the count of writer
   * connections opened (one is replaced after a failed save) is folded into its high bits.
   */
  long writerDataVersion() {
    writeLock.lock();
    try {
      Connection c = writer();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA data_version")) {
        return (writerEpoch << 40) + (rs.next() ? rs.getLong(1) : 0);
      }
    } catch (SQLException e) {
      throw new StoreException("reading " + path + " failed: " + firstLine(e.getMessage()), e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * The cached answer for {@code key}, computed by {@code compute} when absent or stale. Keys are
   * query records, which hold windows as the user wrote them ({@link TimeRange}); an answer over a
   * window relative to now expires after {@link StoreOptions#relativeWindowTtl()} even when no row
   * arrives, because the window slides.
   */
  public <T> T cached(Object key, boolean slidesWithNow, long nowMillis, Supplier<T> compute) {
    long maxAge = slidesWithNow ? options.relativeWindowTtl().toMillis() : Long.MAX_VALUE / 2;
    return cache.get(key, dataVersion(), nowMillis, maxAge, compute);
  }

  /** Drops every cached answer. */
  public void clearCache() {
    cache.clear();
  }

  /**
   * Opens a separate read-write connection whose transactions take the write lock at their first
   * write (for the archive: its copy reads the store at length while it writes only the archive,
   * and holding the store's write lock meanwhile would stall the agent).
   */
  public static Connection openReadWrite(Path path) throws SQLException {
    StoreOptions defaults = StoreOptions.defaults();
    return connect(path, false, false, defaults.busyTimeout(), defaults);
  }

  /**
   * Opens a separate read-write connection whose transactions take the write lock when they begin,
   * for a writer whose transactions read before they write (the synthetic generator).
   */
  public static Connection openWriter(Path path) throws SQLException {
    StoreOptions defaults = StoreOptions.defaults();
    return connect(path, false, true, defaults.busyTimeout(), defaults);
  }

  @Override
  public void close() {
    closed = true;
    Connection c;
    while ((c = idleReaders.poll()) != null) {
      closeQuietly(c);
    }
    synchronized (monitor) {
      closeQuietly(monitor);
    }
    writeLock.lock();
    try {
      closeQuietly(writer);
      writer = null;
    } finally {
      writeLock.unlock();
    }
  }

  private Connection borrow() {
    if (closed) {
      throw new IllegalStateException("store " + path + " is closed");
    }
    Connection c = idleReaders.poll();
    if (c != null) {
      return c;
    }
    try {
      return connect(path, true, false, options.busyTimeout(), options);
    } catch (SQLException e) {
      throw new StoreException("opening " + path + " failed: " + firstLine(e.getMessage()), e);
    }
  }

  private void giveBack(Connection connection, boolean healthy) {
    if (healthy && !closed && idleReaders.size() < MAX_IDLE_READERS) {
      idleReaders.offer(connection);
      if (closed && idleReaders.remove(connection)) {
        closeQuietly(connection);
      }
    } else {
      closeQuietly(connection);
    }
  }

  /**
   * Opens a connection. With {@code lockOnBegin} every transaction takes the write lock when it
   * begins ({@code BEGIN IMMEDIATE}), where the busy timeout applies: a deferred transaction that
   * has already read gets {@code SQLITE_BUSY} at once when it then writes while another connection
   * holds the lock (SQLite does not wait there, as waiting could deadlock), whatever the timeout.
   */
  private static Connection connect(
      Path path, boolean readOnly, boolean lockOnBegin, Duration busyTimeout, StoreOptions options)
      throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(timeoutMillis(busyTimeout));
    config.setReadOnly(readOnly);
    if (lockOnBegin) {
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    }
    config.setGetGeneratedKeys(false);
    config.setCacheSize(-options.pageCacheKib());
    Connection connection = config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
    if (readOnly) {
      try (Statement st = connection.createStatement()) {
        // Memory-mapped reads avoid a copy per page on the large scans of long windows.
        st.execute("PRAGMA mmap_size = 268435456");
      }
    }
    return connection;
  }

  private static List<String> missingTables(Connection connection) throws SQLException {
    Set<String> present = new TreeSet<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      while (rs.next()) {
        present.add(rs.getString(1));
      }
    }
    List<String> missing = new ArrayList<>(StoreSchema.DOCUMENTED_TABLES);
    missing.removeAll(present);
    return missing;
  }

  /** "table steps lacks the column action_type; table executions lacks the columns a, b". */
  private static String describe(Map<String, List<String>> missingColumns) {
    List<String> parts = new ArrayList<>();
    missingColumns.forEach(
        (table, columns) ->
            parts.add(
                "table "
                    + table
                    + " lacks the documented column"
                    + (columns.size() > 1 ? "s " : " ")
                    + String.join(", ", columns)));
    return String.join("; ", parts);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Closing is best effort; nothing the caller could do about it.
      }
    }
  }
}
