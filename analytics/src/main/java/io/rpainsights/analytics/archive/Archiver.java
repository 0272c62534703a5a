package io.rpainsights.analytics.archive;

import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.Store;
import io.rpainsights.analytics.store.StoreException;
import io.rpainsights.schema.StoreSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * Moves rows older than a cutoff from a store into an archive SQLite file, crash-safe and
 * idempotent rather than atomic (SQLite does not commit an attached WAL database atomically with
 * the main one):
 *
 * <ol>
 *   <li><b>copy</b> — one transaction on the archive: {@code INSERT OR IGNORE} every old row, keyed
 *       so that a row copied before is skipped;
 *   <li><b>verify</b> — every old row of the store must now be found in the archive by its key; if
 *       one is not, nothing is deleted;
 *   <li><b>delete</b> — one transaction on the store: delete the old rows that the archive holds (a
 *       row is never deleted unless its copy exists).
 * </ol>
 *
 * A crash at any point leaves each row in the store, the archive or both; running again copies what
 * is missing (ignoring what is there) and deletes what is copied, so no row is lost or duplicated.
 * Old means: executions that started before the cutoff and are not running, with their steps;
 * recoveries, resource samples and timer records before the cutoff (recoveries of a running
 * execution stay). The archive format is documented in {@code analytics/ARCHIVE.md}.
 */
public final class Archiver {
  /** The archive file's name in the target folder. */
  public static final String FILE_NAME = "rpa-insights-archive.db";

  /**
   * {@code PRAGMA user_version} of an archive in which a producer's own column took the name
   * {@value #SOURCE_ROWID}, so that {@code archive_meta} names the column of store rowids instead.
   * Earlier versions know only {@link #FORMAT_VERSION_WITH_SRC_ROWID} and refuse such an archive
   * rather than take the producer's column for theirs.
   */
  public static final int FORMAT_VERSION = 2;

  /**
   * {@code PRAGMA user_version} of an archive that keeps store rowids in {@value #SOURCE_ROWID}, as
   * every archive of earlier versions does; it stays readable and appendable by them.
   */
  public static final int FORMAT_VERSION_WITH_SRC_ROWID = 1;

  /** The archive's column of store rowids, unless a producer's column has that name. */
  static final String SOURCE_ROWID = "src_rowid";

  private static final int SQLITE_NOTADB = 26;

  /** Where a test may interrupt a run, as a crash would. */
  public enum Phase {
    COPIED,
    VERIFIED,
    DELETING,
    DELETED
  }

  /** Called at each phase; a test throws (or halts the JVM) there to simulate a crash. */
  @FunctionalInterface
  public interface PhaseListener {
    void reached(Phase phase) throws SQLException;
  }

  /**
   * A table: which rows are old, and how a store row {@code m} is matched with its archive copy
   * {@code a}. Rows without a key of their own (resources, timers) are matched by their rowid in
   * the store, which the archive keeps in {@code sourceRowIdColumn} (null for the other tables).
   */
  private record Table(
      String name, String oldRows, String ownKey, String sourceRowIdColumn, String rowId) {
    Table(String name, String oldRows, String ownKey, String sourceRowIdColumn) {
      this(name, oldRows, ownKey, sourceRowIdColumn, "rowid");
    }

    String key() {
      return sourceRowIdColumn == null
          ? ownKey
          : "a." + quote(sourceRowIdColumn) + " = m." + rowId + " AND " + ownKey;
    }

    Table withSourceRowIdColumn(String column) {
      return new Table(name, oldRows, ownKey, column, rowId);
    }

    /** {@code rowId}: the name under which this store table's own row id can be read. */
    Table withRowId(String rowId) {
      return new Table(name, oldRows, ownKey, sourceRowIdColumn, rowId);
    }
  }

  /** SQLite's names for a table's row id; a column of the same name hides it (lang_createtable). */
  private static final List<String> ROW_ID_NAMES = List.of("rowid", "_rowid_", "oid");

  /** A column of a store table: its name and declared type (empty when it has none). */
  private record Column(String name, String type) {}

  /** A declared type SQLite reports as written, e.g. {@code TEXT}, {@code DECIMAL(10, 2)}. */
  private static final Pattern PLAIN_TYPE =
      Pattern.compile(
          "[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*"
              + "( ?\\( *[+-]?[0-9]+(\\.[0-9]+)? *(, *[+-]?[0-9]+(\\.[0-9]+)? *)?\\))?");

  /**
   * SQLite's keywords (lang_keywords.html). A declared type may hold one only because it was quoted
   * ({@code "primary"}); SQLite reports it unquoted, and spliced back it would not parse.
   */
  private static final Set<String> KEYWORDS =
      Set.of(
          ("ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE"
                  + " BEGIN BETWEEN BY CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT"
                  + " CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP"
                  + " DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH"
                  + " ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST"
                  + " FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE"
                  + " IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS"
                  + " ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING"
                  + " NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN"
                  + " PRAGMA PRECEDING PRIMARY QUERY RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX"
                  + " RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK ROW ROWS SAVEPOINT"
                  + " SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER UNBOUNDED"
                  + " UNION UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH"
                  + " WITHOUT")
              .split(" "));

  private static final String NOT_RUNNING =
      "(SELECT execution_id FROM main.executions WHERE status = 'running')";
  private static final String OLD_EXECUTIONS =
      "(SELECT execution_id FROM main.executions WHERE started_at < :cutoff"
          + " AND status <> 'running')";

  private static final List<Table> TABLES =
      List.of(
          new Table(
              "executions",
              "m.started_at < :cutoff AND m.status <> 'running'",
              "a.execution_id = m.execution_id",
              null),
          new Table(
              "steps",
              "(m.execution_id IN "
                  + OLD_EXECUTIONS
                  + " OR (m.started_at < :cutoff AND NOT EXISTS (SELECT 1 FROM main.executions e"
                  + " WHERE e.execution_id = m.execution_id)))",
              "a.execution_id = m.execution_id AND a.id = m.id",
              null),
          new Table(
              "recoveries",
              "m.started_at < :cutoff AND (m.execution_id IS NULL OR m.execution_id NOT IN "
                  + NOT_RUNNING
                  + ")",
              "a.id = m.id AND a.started_at = m.started_at"
                  + " AND ifnull(a.execution_id, '') = ifnull(m.execution_id, '')",
              null),
          new Table("resources", "m.ts < :cutoff", "a.ts = m.ts", SOURCE_ROWID),
          new Table("timers", "m.ts < :cutoff", "a.ts = m.ts AND a.name = m.name", SOURCE_ROWID));

  /**
   * Unique keys of the archive tables: what INSERT OR IGNORE recognises as "already there"; the
   * column of store rowids comes first where a table has one.
   */
  private static final Map<String, String> UNIQUE =
      Map.of(
          "executions", "execution_id",
          "steps", "execution_id, id",
          "recoveries", "id, ifnull(execution_id, ''), started_at",
          "resources", "ts",
          "timers", "ts, name");

  private final Clock clock;
  private final PhaseListener listener;

  public Archiver(Clock clock) {
    this(clock, phase -> {});
  }

  public Archiver(Clock clock, PhaseListener listener) {
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Moves the store's rows older than {@code cutoff} into {@code dir}/{@value #FILE_NAME}.
   *
   * @throws InvalidInputException for a missing, foreign or unwritable store (refused before any
   *     file is made), an unusable folder, or a file named {@value #FILE_NAME} there that is not an
   *     archive this class made
   */
  public ArchiveResult archive(Path storePath, Instant cutoff, Path dir) {
    refuseUnwritableStore(storePath);
    Path archive = prepareDir(dir).resolve(FILE_NAME);
    boolean archiveIsNew = Files.notExists(archive);
    boolean storeRowsDeleted = false;
    try (Connection c = open(storePath)) {
      List<List<Column>> columns = columnsOf(c);
      List<Table> storeTables = withRowIds(columns);
      try (Statement st = c.createStatement()) {
        st.execute(
            "ATTACH DATABASE '"
                + archive.toAbsolutePath().toString().replace("'", "''")
                + "' AS arc");
      } catch (SQLException e) {
        if (e.getErrorCode() == SQLITE_NOTADB) {
          throw foreign(archive, "it is not an SQLite database", e);
        }
        throw e;
      }
      try {
        refuseForeign(c, archive);
        List<Table> tables = createArchiveSchema(c, storeTables, columns, archive);
        Map<String, Long> copied = copy(c, cutoff, tables, columns);
        listener.reached(Phase.COPIED);
        verify(c, cutoff, tables);
        listener.reached(Phase.VERIFIED);
        Map<String, Long> removed = delete(c, cutoff, tables, true);
        storeRowsDeleted = true;
        listener.reached(Phase.DELETED);
        recordRun(c, cutoff, copied, removed);
        return new ArchiveResult(archive, cutoff, copied, removed);
      } finally {
        try (Statement st = c.createStatement()) {
          st.execute("DETACH DATABASE arc");
        }
      }
    } catch (SQLException e) {
      StoreException failure =
          new StoreException("archiving " + storePath + " failed: " + e.getMessage(), e);
      if (archiveIsNew && !storeRowsDeleted) {
        discardNewArchive(archive, failure);
      }
      throw failure;
    } catch (RuntimeException e) {
      if (archiveIsNew && !storeRowsDeleted) {
        discardNewArchive(archive, e);
      }
      throw e;
    }
  }

  /**
   * Refuses a store that cannot be written before anything is created: SQLite would open it
   * read-only and fail only at the first write, once the archive file exists. SQLite writes its
   * journal or WAL beside the store, so the store's folder must be writable too.
   */
  private static void refuseUnwritableStore(Path storePath) {
    Path folder = storePath.toAbsolutePath().getParent();
    if (Files.exists(storePath)
        && !(Files.isWritable(storePath) && (folder == null || Files.isWritable(folder)))) {
      throw new InvalidInputException(
          "cannot write "
              + storePath
              + " (the file or its folder is read-only): nothing was archived");
    }
  }

  /**
   * Removes the archive file a failed run created. Only while the store still holds every row: once
   * the delete has committed, the archive holds the only copy of the moved rows and must stay.
   */
  private static void discardNewArchive(Path archive, RuntimeException failure) {
    for (Path file : List.of(archive, archive.resolveSibling(archive.getFileName() + "-journal"))) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * Deletes the store's rows older than {@code cutoff} without keeping a copy (retention), in one
   * transaction.
   */
  public ArchiveResult prune(Path storePath, Instant cutoff) {
    try (Connection c = open(storePath)) {
      List<Table> tables = withRowIds(columnsOf(c));
      return new ArchiveResult(null, cutoff, Map.of(), delete(c, cutoff, tables, false));
    } catch (SQLException e) {
      throw new StoreException("pruning " + storePath + " failed: " + e.getMessage(), e);
    }
  }

  private Connection open(Path storePath) throws SQLException {
    // Validates the file as analytics does (exists, SQLite, documented tables) before writing.
    Store.open(storePath).close();
    Connection c = Store.openReadWrite(storePath);
    try {
      if (!StoreSchema.hasDocumentedTables(c)) {
        throw new InvalidInputException(storePath + " is not an RPA Insights store");
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static Path prepareDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InvalidInputException("cannot create folder " + dir + ": " + e.getMessage(), e);
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new InvalidInputException("cannot write to folder " + dir);
    }
    return dir;
  }

  private static List<List<Column>> columnsOf(Connection c) throws SQLException {
    List<List<Column>> result = new ArrayList<>();
    for (int i = 0; i < TABLES.size(); i++) {
      List<Column> cols = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA main.table_info(" + TABLES.get(i).name() + ")")) {
        while (rs.next()) {
          cols.add(new Column(rs.getString("name"), nullToEmpty(rs.getString("type"))));
        }
      }
      result.add(cols);
    }
    return result;
  }

  /**
   * The store's tables, each with a name that reads its own row id. A producer may add a column
   * named {@code rowid}: SQLite then reads that column under the name, and matching or deleting by
   * it would take other rows for the old ones. A table whose every row-id name is a column is
   * refused before anything is written.
   */
  private static List<Table> withRowIds(List<List<Column>> columns) {
    List<Table> tables = new ArrayList<>();
    for (int i = 0; i < TABLES.size(); i++) {
      Set<String> names = new HashSet<>();
      for (Column col : columns.get(i)) {
        names.add(lowerCase(col.name()));
      }
      String free = ROW_ID_NAMES.stream().filter(n -> !names.contains(n)).findFirst().orElse(null);
      if (free == null) {
        throw new InvalidInputException(
            "the store's table "
                + TABLES.get(i).name()
                + " has columns named rowid, _rowid_ and oid, which hide SQLite's own row id:"
                + " archive cannot tell its rows apart; nothing was archived");
      }
      tables.add(TABLES.get(i).withRowId(free));
    }
    return tables;
  }

  /**
   * An SQL identifier in double quotes, an embedded quote doubled: a producer may name a column
   * {@code order} or {@code bot "name"}, which must never be spliced into SQL as written.
   */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /**
   * The column definition for the archive: its quoted name and its declared type when that is a
   * plain type name. A type SQLite reports oddly (it reports {@code [x y] (3)} as {@code x y] (3},
   * a quoted keyword without its quotes) cannot be spliced safely, so it becomes the affinity
   * SQLite gives it, which is all the values need.
   */
  static String definition(Column col) {
    String type = col.type().strip();
    if (type.isEmpty()) {
      return quote(col.name());
    }
    return quote(col.name()) + ' ' + (isPlain(type) ? type : affinity(type));
  }

  private static boolean isPlain(String type) {
    if (!PLAIN_TYPE.matcher(type).matches()) {
      return false;
    }
    for (String word : type.split("[ (),]+")) {
      if (KEYWORDS.contains(word.toUpperCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }

  /** SQLite's rules for the affinity of a declared type (datatype3.html, section 3.1). */
  static String affinity(String declared) {
    String t = declared.toUpperCase(Locale.ROOT);
    if (t.contains("INT")) {
      return "INTEGER";
    }
    if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
      return "TEXT";
    }
    if (t.contains("BLOB")) {
      return "BLOB";
    }
    if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
      return "REAL";
    }
    return "NUMERIC";
  }

  /**
   * Refuses an existing file that is not an archive this class made. Appending relies on what
   * {@link #createArchiveSchema} makes with a new table — above all the unique key that lets {@code
   * INSERT OR IGNORE} skip a row copied before — so a file without it (another program's database,
   * a store copied under the archive's name) would take rows without that guarantee and have its
   * own tables altered. An empty file or one without tables is new.
   */
  private static void refuseForeign(Connection c, Path archive) throws SQLException {
    Set<String> tables = new HashSet<>();
    int version;
    try (Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery("SELECT name FROM arc.sqlite_master WHERE type = 'table'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      try (ResultSet rs = st.executeQuery("PRAGMA arc.user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw foreign(archive, "it is not a readable SQLite database: " + e.getMessage(), e);
    }
    if (tables.isEmpty()) {
      return;
    }
    if (version < FORMAT_VERSION_WITH_SRC_ROWID || version > FORMAT_VERSION) {
      throw foreign(
          archive,
          "its user_version is "
              + version
              + ", an archive's is "
              + FORMAT_VERSION_WITH_SRC_ROWID
              + " or "
              + FORMAT_VERSION,
          null);
    }
    if (!tables.contains("archive_runs")) {
      throw foreign(archive, "it has no archive_runs table", null);
    }
    for (Table t : TABLES) {
      if (!tables.contains(t.name())) {
        throw foreign(archive, "it has no " + t.name() + " table", null);
      }
      if (!hasUniqueIndex(c, t.name(), t.name() + "_archive_key")) {
        throw foreign(
            archive,
            "its " + t.name() + " table lacks the unique index " + t.name() + "_archive_key",
            null);
      }
    }
  }

  private static boolean hasUniqueIndex(Connection c, String table, String index)
      throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA arc.index_list(" + quote(table) + ")")) {
      while (rs.next()) {
        if (index.equals(rs.getString("name")) && rs.getInt("unique") == 1) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * One archive holds one store's rows. Its keys are the store's own ids (execution ids, rowids),
   * so a second store whose ids happen to match (another producer numbering runs "run-1", "run-2",
   * or resource rowids with the same timestamp) would have those rows taken for copied ones and
   * deleted uncopied. So the store gets a random {@code store_id} in its {@code analytics_meta} the
   * first time it is archived, the archive records it in {@code archive_meta}, and an archive that
   * names another store is refused. An archive made before store ids (no {@code archive_meta}) that
   * already holds rows cannot tell whose they are, so it is refused too (an empty one is claimed).
   * The synthetic marker travels with the rows, so an archive of generated data says so.
   */
  private static void claimForThisStore(Connection c, Statement st, Path archive)
      throws SQLException {
    st.execute(
        "CREATE TABLE IF NOT EXISTS main.analytics_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT OR IGNORE INTO main.analytics_meta(key, value) VALUES ('store_id', ?)")) {
      ps.setString(1, UUID.randomUUID().toString());
      ps.executeUpdate();
    }
    st.execute(
        "CREATE TABLE IF NOT EXISTS arc.archive_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    if (metaValue(st, "arc.archive_meta", "store_id").isEmpty() && holdsRows(st)) {
      throw new InvalidInputException(
          archive
              + " was made by an earlier version that did not record its store, and it already"
              + " holds rows: nothing is moved, as they may be another store's; give this store a"
              + " new --to folder (the old archive stays readable as it is)");
    }
    st.execute(
        "INSERT OR IGNORE INTO arc.archive_meta(key, value)"
            + " SELECT key, value FROM main.analytics_meta WHERE key = 'store_id'");
    String store = metaValue(st, "main.analytics_meta", "store_id");
    String owner = metaValue(st, "arc.archive_meta", "store_id");
    if (!store.equals(owner)) {
      throw new InvalidInputException(
          archive
              + " holds the archive of another store (store id "
              + owner
              + "): its rows' ids could collide with this store's; give each store its own"
              + " --to folder");
    }
    st.execute(
        "INSERT OR REPLACE INTO arc.archive_meta(key, value)"
            + " SELECT key, value FROM main.analytics_meta WHERE key = 'synthetic'");
  }

  /** Whether any of the archive's tables (those that exist yet) holds a row. */
  private static boolean holdsRows(Statement st) throws SQLException {
    Set<String> existing = new HashSet<>();
    try (ResultSet rs =
        st.executeQuery("SELECT name FROM arc.sqlite_master WHERE type = 'table'")) {
      while (rs.next()) {
        existing.add(rs.getString(1));
      }
    }
    for (Table t : TABLES) {
      if (existing.contains(t.name())) {
        try (ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM arc." + t.name() + ")")) {
          if (rs.next() && rs.getInt(1) == 1) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String metaValue(Statement st, String table, String key) throws SQLException {
    try (ResultSet rs =
        st.executeQuery(
            "SELECT value FROM " + table + " WHERE key = '" + key.replace("'", "''") + "'")) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  private static InvalidInputException foreign(Path archive, String why, Throwable cause) {
    return new InvalidInputException(
        archive
            + " is not an archive made by rpa-insights ("
            + why
            + "); move it away or choose another --to folder",
        cause);
  }

  /**
   * Archive tables mirror the store's columns (documented and any extra), with their own keys; in
   * the same transaction the archive is claimed for this store, so a refusal changes neither file.
   *
   * @return the tables as this archive keys them (its column of store rowids per table)
   */
  private static List<Table> createArchiveSchema(
      Connection c, List<Table> storeTables, List<List<Column>> columns, Path archive)
      throws SQLException {
    // The claim reads the store's analytics_meta, then writes it. A deferred transaction that has
    // read gets SQLITE_BUSY at once, busy timeout or not, when it then writes while the agent
    // holds the write lock or has committed meanwhile; this short one takes the lock at BEGIN. The
    // copy stays deferred: it writes only the archive and must not stall the agent's writes.
    // Deferred again at once: sqlite-jdbc's commit() and rollback() begin the next transaction,
    // which must not take (or wait for) the store's lock.
    SQLiteConnectionConfig config = c.unwrap(SQLiteConnection.class).getConnectionConfig();
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    try {
      c.setAutoCommit(false);
    } finally {
      config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
    }
    try (Statement st = c.createStatement()) {
      claimForThisStore(c, st, archive);
      List<Table> tables = new ArrayList<>();
      for (int i = 0; i < storeTables.size(); i++) {
        Table t = storeTables.get(i);
        // SQLite's column names are case-insensitive (ASCII): "Order" is the column "order".
        Set<String> existing = new HashSet<>();
        try (ResultSet rs = st.executeQuery("PRAGMA arc.table_info(" + t.name() + ")")) {
          while (rs.next()) {
            existing.add(lowerCase(rs.getString("name")));
          }
        }
        if (t.sourceRowIdColumn() != null) {
          t = t.withSourceRowIdColumn(sourceRowIdColumn(c, st, t.name(), existing, columns.get(i)));
        }
        tables.add(t);
        if (existing.isEmpty()) {
          StringBuilder ddl = new StringBuilder("CREATE TABLE arc.").append(t.name()).append('(');
          if (t.sourceRowIdColumn() != null) {
            ddl.append(quote(t.sourceRowIdColumn())).append(" INTEGER NOT NULL, ");
          }
          for (int k = 0; k < columns.get(i).size(); k++) {
            ddl.append(k > 0 ? ", " : "").append(definition(columns.get(i).get(k)));
          }
          st.execute(ddl.append(')').toString());
          st.execute(
              "CREATE UNIQUE INDEX arc."
                  + t.name()
                  + "_archive_key ON "
                  + t.name()
                  + "("
                  + (t.sourceRowIdColumn() != null ? quote(t.sourceRowIdColumn()) + ", " : "")
                  + UNIQUE.get(t.name())
                  + ")");
        } else {
          for (Column col : columns.get(i)) {
            if (!existing.contains(lowerCase(col.name()))) {
              st.execute("ALTER TABLE arc." + t.name() + " ADD COLUMN " + definition(col));
            }
          }
        }
      }
      st.execute(
          "CREATE TABLE IF NOT EXISTS arc.archive_runs(run_id INTEGER PRIMARY KEY,"
              + " finished_at INTEGER NOT NULL, cutoff INTEGER NOT NULL, copied TEXT NOT NULL,"
              + " removed TEXT NOT NULL)");
      boolean keepsSrcRowId =
          tables.stream()
              .allMatch(
                  t -> t.sourceRowIdColumn() == null || t.sourceRowIdColumn().equals(SOURCE_ROWID));
      st.execute(
          "PRAGMA arc.user_version = "
              + (keepsSrcRowId ? FORMAT_VERSION_WITH_SRC_ROWID : FORMAT_VERSION));
      c.commit();
      return tables;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /**
   * The archive table's column of store rowids. The store's schema is open, so a producer may add a
   * column of that very name; the archive then renames its own column (its values and unique key go
   * with it) to a name neither table uses, and records it in {@code archive_meta}, so that the
   * producer's column arrives under its own name like any other. Archives of earlier versions have
   * no such record: theirs is {@value #SOURCE_ROWID}.
   *
   * @param archiveColumns the archive table's columns in lower case (none yet for a new table),
   *     updated when the column is renamed
   */
  private static String sourceRowIdColumn(
      Connection c,
      Statement st,
      String table,
      Set<String> archiveColumns,
      List<Column> storeColumns)
      throws SQLException {
    String metaKey = "source_rowid_column." + table;
    Set<String> taken = new HashSet<>(archiveColumns);
    Set<String> storeNames = new HashSet<>();
    for (Column col : storeColumns) {
      storeNames.add(lowerCase(col.name()));
    }
    taken.addAll(storeNames);
    if (archiveColumns.isEmpty()) {
      String name = freeSourceRowIdName(taken);
      recordSourceRowIdColumn(c, metaKey, name);
      return name;
    }
    String recorded = metaValue(st, "arc.archive_meta", metaKey);
    String current = recorded.isEmpty() ? SOURCE_ROWID : recorded;
    if (!storeNames.contains(lowerCase(current))) {
      return current;
    }
    String name = freeSourceRowIdName(taken);
    st.execute(
        "ALTER TABLE arc." + table + " RENAME COLUMN " + quote(current) + " TO " + quote(name));
    archiveColumns.remove(lowerCase(current));
    archiveColumns.add(lowerCase(name));
    recordSourceRowIdColumn(c, metaKey, name);
    return name;
  }

  /** {@value #SOURCE_ROWID} unless taken, else the first free of archive_src_rowid, …_2, …_3. */
  private static String freeSourceRowIdName(Set<String> taken) {
    String name = SOURCE_ROWID;
    for (int n = 1; taken.contains(name); n++) {
      name = "archive_" + SOURCE_ROWID + (n == 1 ? "" : "_" + n);
    }
    return name;
  }

  /**
   * Only a name other than {@value #SOURCE_ROWID} is recorded: an archive without one is as before.
   */
  private static void recordSourceRowIdColumn(Connection c, String metaKey, String name)
      throws SQLException {
    if (name.equals(SOURCE_ROWID)) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT OR REPLACE INTO arc.archive_meta(key, value) VALUES (?, ?)")) {
      ps.setString(1, metaKey);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  private static String lowerCase(String identifier) {
    return identifier.toLowerCase(Locale.ROOT);
  }

  private Map<String, Long> copy(
      Connection c, Instant cutoff, List<Table> tables, List<List<Column>> columns)
      throws SQLException {
    Map<String, Long> copied = new LinkedHashMap<>();
    c.setAutoCommit(false);
    try {
      for (int i = 0; i < tables.size(); i++) {
        Table t = tables.get(i);
        List<String> names = new ArrayList<>();
        for (Column col : columns.get(i)) {
          names.add(quote(col.name()));
        }
        String cols = String.join(", ", names);
        String selected = "m." + String.join(", m.", names);
        String sql =
            "INSERT OR IGNORE INTO arc."
                + t.name()
                + "("
                + (t.sourceRowIdColumn() != null ? quote(t.sourceRowIdColumn()) + ", " : "")
                + cols
                + ") SELECT "
                + (t.sourceRowIdColumn() != null ? "m." + t.rowId() + ", " : "")
                + selected
                + " FROM main."
                + t.name()
                + " m WHERE "
                + t.oldRows();
        copied.put(t.name(), update(c, sql, cutoff));
      }
      c.commit();
      return copied;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void verify(Connection c, Instant cutoff, List<Table> tables) throws SQLException {
    for (Table t : tables) {
      long old =
          count(c, "SELECT count(*) FROM main." + t.name() + " m WHERE " + t.oldRows(), cutoff);
      long kept =
          count(
              c,
              "SELECT count(*) FROM main."
                  + t.name()
                  + " m WHERE "
                  + t.oldRows()
                  + " AND EXISTS (SELECT 1 FROM arc."
                  + t.name()
                  + " a WHERE "
                  + t.key()
                  + ")",
              cutoff);
      if (kept != old) {
        throw new StoreException(
            "archive check failed for "
                + t.name()
                + ": "
                + old
                + " old rows in the store but "
                + kept
                + " in the archive; nothing was deleted",
            null);
      }
    }
  }

  private Map<String, Long> delete(
      Connection c, Instant cutoff, List<Table> tables, boolean onlyArchived) throws SQLException {
    Map<String, Long> removed = new LinkedHashMap<>();
    c.setAutoCommit(false);
    try {
      // Children first: steps are found through their (still present) execution rows.
      for (int i = tables.size() - 1; i >= 0; i--) {
        Table t = tables.get(i);
        if (t.name().equals("executions")) {
          continue;
        }
        removed.put(t.name(), update(c, deleteSql(t, onlyArchived), cutoff));
        listener.reached(Phase.DELETING);
      }
      removed.put("executions", update(c, deleteSql(tables.get(0), onlyArchived), cutoff));
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (Table t : TABLES) {
      ordered.put(t.name(), removed.get(t.name()));
    }
    return ordered;
  }

  private static String deleteSql(Table t, boolean onlyArchived) {
    // SQLite's DELETE has no alias: the rows are matched through their rowid.
    String inner =
        "SELECT m."
            + t.rowId()
            + " FROM main."
            + t.name()
            + " m WHERE "
            + t.oldRows()
            + (onlyArchived
                ? " AND EXISTS (SELECT 1 FROM arc." + t.name() + " a WHERE " + t.key() + ")"
                : "");
    return "DELETE FROM main." + t.name() + " WHERE " + t.rowId() + " IN (" + inner + ")";
  }

  private void recordRun(
      Connection c, Instant cutoff, Map<String, Long> copied, Map<String, Long> removed)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO arc.archive_runs(finished_at, cutoff, copied, removed) VALUES (?,?,?,?)")) {
      ps.setLong(1, clock.millis());
      ps.setLong(2, cutoff.toEpochMilli());
      ps.setString(3, copied.toString());
      ps.setString(4, removed.toString());
      ps.executeUpdate();
    }
  }

  private static long update(Connection c, String sql, Instant cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(bind(sql))) {
      bindAll(ps, sql, cutoff);
      return ps.executeUpdate();
    }
  }

  private static long count(Connection c, String sql, Instant cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(bind(sql))) {
      bindAll(ps, sql, cutoff);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String bind(String sql) {
    return sql.replace(":cutoff", "?");
  }

  private static void bindAll(PreparedStatement ps, String sql, Instant cutoff)
      throws SQLException {
    int n = 0;
    int at = sql.indexOf(":cutoff");
    while (at >= 0) {
      ps.setLong(++n, cutoff.toEpochMilli());
      at = sql.indexOf(":cutoff", at + 1);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
