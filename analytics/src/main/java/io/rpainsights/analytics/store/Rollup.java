package io.rpainsights.analytics.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Analytics' rollup of executions, steps and recovery attempts: per workflow and UTC day, each
 * group's runs (see {@link RollupKind}) with their exact durations sorted ascending and their
 * starts, packed into BLOBs ({@link RunCodec}) in the table {@code analytics_rollup_chunks}. An
 * answer over a long window then reads a few hundred BLOBs instead of a few hundred thousand rows,
 * and exact R-7 percentiles are a merge of sorted runs; because every run keeps its start, the
 * partial first and last days of a window are cut exactly too. Nothing is approximated.
 *
 * <p>Days are rolled up on demand, the first time a query needs them. Keeping them right, on the
 * first query after another connection committed ({@code PRAGMA data_version} on the writer
 * connection, which our own refreshes do not move), in one read snapshot:
 *
 * <ul>
 *   <li>new rows — late ones included — are those above the table's rowid watermark; each is
 *       appended to its day if that day is rolled up (small chunks, compacted past {@value
 *       #MAX_CHUNKS_PER_DAY} per day);
 *   <li>executions that were {@code running} are remembered ({@code analytics_rollup_running}); one
 *       that has finished since is appended then (the agent updates the row in place);
 *   <li>every rolled-up day a query reads has its row count checked against the source's {@code
 *       (workflow_id, started_at)} index (no table access); any difference — rows deleted by
 *       retention or {@code archive}, or anywhere — rebuilds the day from its rows;
 *   <li>the row at the watermark must still be the one seen (its start is kept): if the newest rows
 *       were deleted, their rowids may be reused by new rows that no count would show, so the
 *       table's rollup starts afresh;
 *   <li>days older than a workflow's oldest row are dropped, so the rollup shrinks with the store.
 * </ul>
 *
 * A refresh is written in one transaction, guarded by a generation number so that two processes
 * refreshing at once never apply the same change twice (the loser re-plans). Not seen: a finished
 * row changed in place (the agent never does that; a finished execution whose start moves within
 * its day keeps its old start here until the day is rebuilt), and a row deleted and another
 * inserted with the same explicit rowid into the same day.
 */
final class Rollup {
  static final long DAY_MS = 86_400_000L;

  /**
   * The layout of the rollup tables and BLOBs ({@link RunCodec#VERSION} 1); a rollup of another
   * layout is dropped and rebuilt.
   */
  static final int LAYOUT = 2;

  /** Appended chunks of one day beyond which the day is merged into one chunk per group. */
  static final int MAX_CHUNKS_PER_DAY = 64;

  /** Rows one refresh round rolls up at most, so memory stays bounded on a first big query. */
  static final long ROWS_PER_ROUND = 1_000_000;

  /** Windows shorter than this are read from the rows: a day's rollup would not pay off. */
  static final Duration MIN_WINDOW = Duration.ofDays(1);

  private static final List<String> DDL =
      List.of(
          "CREATE TABLE IF NOT EXISTS analytics_rollup_chunks(kind TEXT NOT NULL,"
              + " workflow_id TEXT NOT NULL, day INTEGER NOT NULL, k1 TEXT, k2 TEXT, k3 TEXT,"
              + " runs INTEGER NOT NULL, data BLOB NOT NULL)",
          "CREATE INDEX IF NOT EXISTS analytics_rollup_chunks_day"
              + " ON analytics_rollup_chunks(kind, workflow_id, day)",
          "CREATE TABLE IF NOT EXISTS analytics_rollup_days(kind TEXT NOT NULL,"
              + " workflow_id TEXT NOT NULL, day INTEGER NOT NULL, source_rows INTEGER NOT NULL,"
              + " chunks INTEGER NOT NULL,"
              + " PRIMARY KEY (kind, workflow_id, day))",
          "CREATE TABLE IF NOT EXISTS analytics_rollup_meta(key TEXT PRIMARY KEY,"
              + " value INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS analytics_rollup_running(execution_rowid INTEGER PRIMARY KEY)");

  private static final List<String> TABLES =
      List.of(
          "analytics_rollup_chunks",
          "analytics_rollup_days",
          "analytics_rollup_meta",
          "analytics_rollup_running");

  private final Store store;
  private final RunSource source;
  private final Object lock = new Object();

  /** The data version at which the days in {@link #checked} were found right. Guarded by lock. */
  private long checkedVersion = Long.MIN_VALUE;

  /** "kind|workflow|day" entries known right at {@link #checkedVersion}. Guarded by lock. */
  private final Set<String> checked = new HashSet<>();

  /** Set after an error that will not go away (e.g. a table without rowids): rows only. */
  private volatile boolean disabled;

  /** Answers that had to come from the rows although the rollup covers their window. */
  private final java.util.concurrent.atomic.AtomicLong fallbacks =
      new java.util.concurrent.atomic.AtomicLong();

  Rollup(Store store, RunSource source) {
    this.store = store;
    this.source = source;
  }

  /** Whether an error made this store give up its rollup (answers then come from the rows). */
  boolean disabled() {
    return disabled;
  }

  /** How many answers came from the rows because the rollup could not be brought up to date. */
  long fallbacks() {
    return fallbacks.get();
  }

  /** Whether a query over {@code window} is answered from the rollup. */
  boolean covers(Window window) {
    return store.options().rollups()
        && !disabled
        && window.sinceMillis() >= 0
        && window.length().compareTo(MIN_WINDOW) >= 0
        && store.isWritable();
  }

  /**
   * The runs of each workflow in the window, by group key (day {@link RunGrouper#NO_DAY}), from the
   * rollup brought up to date first; null when that failed (the caller reads the rows instead).
   */
  Map<String, Map<RunGrouper.Key, List<RunChunk>>> runs(
      RollupKind kind, List<String> workflows, Window window, String nodeId, String status) {
    return fromRollup(
        kind,
        workflows,
        window,
        (c, fromDay, toDay) -> read(c, kind, workflows, window, fromDay, toDay, nodeId, status));
  }

  /**
   * How many runs of each group of each workflow started in the window, from the rollup brought up
   * to date first: summed by SQLite for whole days, counted run by run on the partial first and
   * last days. Null when the rollup could not be brought up to date.
   */
  Map<String, Map<RunGrouper.Key, Long>> counts(
      RollupKind kind, List<String> workflows, Window window) {
    return fromRollup(
        kind,
        workflows,
        window,
        (c, fromDay, toDay) -> count(c, kind, workflows, window, fromDay, toDay));
  }

  /** A read of the days a window touches, given the connection and the first and last day. */
  private interface DaysQuery<T> {
    T read(Connection connection, long fromDay, long toDay) throws SQLException;
  }

  /**
   * Brings the window's days up to date, then answers from them; null (the caller reads the rows
   * instead) when either fails.
   */
  private <T> T fromRollup(
      RollupKind kind, List<String> workflows, Window window, DaysQuery<T> query) {
    long fromDay = Math.floorDiv(window.sinceMillis(), DAY_MS);
    long toDay = Math.floorDiv(window.untilMillis() - 1, DAY_MS);
    if (!ensure(kind, workflows, fromDay, toDay)) {
      fallbacks.incrementAndGet();
      return null;
    }
    try {
      return store.read(c -> query.read(c, fromDay, toDay));
    } catch (StoreException e) {
      fallbacks.incrementAndGet();
      return null;
    } catch (RuntimeException e) {
      // A BLOB this code cannot read (written by another version, or damaged): rows only.
      disabled = true;
      fallbacks.incrementAndGet();
      return null;
    }
  }

  private Map<String, Map<RunGrouper.Key, Long>> count(
      Connection c,
      RollupKind kind,
      List<String> workflows,
      Window window,
      long fromDay,
      long toDay)
      throws SQLException {
    Map<String, Map<RunGrouper.Key, Long>> out = new HashMap<>();
    for (String w : workflows) {
      out.put(w, new HashMap<>());
    }
    long firstWhole = window.sinceMillis() == fromDay * DAY_MS ? fromDay : fromDay + 1;
    long lastWhole = window.untilMillis() == (toDay + 1) * DAY_MS ? toDay : toDay - 1;
    // A few hundred workflows per statement, far below SQLite's limit on parameters.
    for (int at = 0; at < workflows.size(); at += 500) {
      List<String> batch = workflows.subList(at, Math.min(workflows.size(), at + 500));
      String in = "workflow_id IN (" + "?, ".repeat(batch.size() - 1) + "?)";
      if (firstWhole <= lastWhole) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT workflow_id, k1, k2, k3, sum(runs) FROM analytics_rollup_chunks"
                    + " WHERE kind = ? AND "
                    + in
                    + " AND day >= ? AND day <= ? GROUP BY 1, 2, 3, 4")) {
          int i = bindIn(ps, kind, batch);
          ps.setLong(i++, firstWhole);
          ps.setLong(i, lastWhole);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.get(rs.getString(1))
                  .merge(
                      new RunGrouper.Key(
                          RunGrouper.NO_DAY, rs.getString(2), rs.getString(3), rs.getString(4)),
                      rs.getLong(5),
                      Long::sum);
            }
          }
        }
      }
      if (firstWhole != fromDay || lastWhole != toDay) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT workflow_id, day, k1, k2, k3, data FROM analytics_rollup_chunks"
                    + " WHERE kind = ? AND "
                    + in
                    + " AND day IN (?, ?)")) {
          int i = bindIn(ps, kind, batch);
          ps.setLong(i++, firstWhole != fromDay ? fromDay : Long.MIN_VALUE);
          ps.setLong(i, lastWhole != toDay ? toDay : Long.MIN_VALUE);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              RunChunk chunk =
                  RunCodec.decode(rs.getBytes(6), rs.getLong(2) * DAY_MS)
                      .startedBetween(window.sinceMillis(), window.untilMillis());
              if (chunk.size() > 0) {
                out.get(rs.getString(1))
                    .merge(
                        new RunGrouper.Key(
                            RunGrouper.NO_DAY, rs.getString(3), rs.getString(4), rs.getString(5)),
                        (long) chunk.size(),
                        Long::sum);
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static int bindIn(PreparedStatement ps, RollupKind kind, List<String> workflows)
      throws SQLException {
    int i = 1;
    ps.setString(i++, kind.table);
    for (String w : workflows) {
      ps.setString(i++, w);
    }
    return i;
  }

  /**
   * Brings the given days of the given workflows up to date, rolling up the ones not done yet.
   *
   * @return false when it could not (the store's write lock not free within {@link
   *     StoreOptions#stateSaveWait()}, or the rollup is unusable here)
   */
  boolean ensure(RollupKind kind, List<String> workflows, long fromDay, long toDay) {
    synchronized (lock) {
      try {
        // The writer's data version ignores our own refreshes: only other writers make it move.
        if (store.writerDataVersion() == checkedVersion
            && allChecked(kind, workflows, fromDay, toDay)) {
          return true;
        }
        int conflicts = 0;
        for (int round = 0; round < workflows.size() * 8 + 8; round++) {
          long before = store.writerDataVersion();
          Plan plan =
              store.read(c -> inSnapshot(c, () -> plan(c, kind, workflows, fromDay, toDay)));
          boolean written = true;
          if (!plan.isEmpty()) {
            // Skipped when the store's write lock is not free at once (the agent, an archive):
            // this answer then comes from the rows, the same, and a later one saves the days.
            Optional<Boolean> saved = store.saveAnalytics(c -> write(c, kind, plan));
            if (saved.isEmpty()) {
              return false;
            }
            written = saved.get();
          }
          if (!written) {
            if (++conflicts > 3) {
              return false;
            }
            continue;
          }
          if (!plan.complete) {
            continue;
          }
          // Nobody else committed from before the snapshot to after our write: the days asked
          // for are right as of now.
          if (store.writerDataVersion() == before) {
            if (before != checkedVersion) {
              checked.clear();
              checkedVersion = before;
            }
            for (String w : workflows) {
              for (long d = fromDay; d <= toDay; d++) {
                checked.add(kind.table + '|' + w + '|' + d);
              }
            }
          }
          return true;
        }
        return false;
      } catch (StoreException e) {
        giveUpUnlessBusy(e);
        return false;
      } catch (RuntimeException e) {
        // A rollup this code cannot read (another version, damaged): rows only.
        disabled = true;
        return false;
      }
    }
  }

  private boolean allChecked(RollupKind kind, List<String> workflows, long fromDay, long toDay) {
    for (String w : workflows) {
      for (long d = fromDay; d <= toDay; d++) {
        if (!checked.contains(kind.table + '|' + w + '|' + d)) {
          return false;
        }
      }
    }
    return true;
  }

  private void giveUpUnlessBusy(StoreException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (!m.contains("busy") && !m.contains("locked")) {
      disabled = true;
    }
  }

  // ---------------------------------------------------------------- state and plan

  /** A rolled-up day: how many source rows it has (running executions included), its chunks. */
  private record DayInfo(long sourceRows, int chunks) {}

  record DayRef(String workflowId, long day) {}

  /** One day to write: its source row count, its chunk count after the write, the new chunks. */
  private record DayWrite(long sourceRows, int chunks, Map<RunGrouper.Key, RunChunk> chunksToAdd) {}

  /** The persisted state of one kind, as seen in the refresh's snapshot. */
  private static final class State {
    long generation;
    long layout = LAYOUT;
    long watermark = -1;

    /** The start of the row at the watermark when it was set: shows rowids being reused. */
    long anchor = -1;

    final Map<String, TreeMap<Long, DayInfo>> days = new HashMap<>();
    final Set<Long> running = new HashSet<>();

    DayInfo day(String workflow, long day) {
      TreeMap<Long, DayInfo> m = days.get(workflow);
      return m == null ? null : m.get(day);
    }
  }

  /** What one refresh changes; applied in one transaction. */
  private static final class Plan {
    final long generation;
    boolean reset;
    Long watermark;
    long anchor = -1;
    Set<Long> running;
    final Set<DayRef> drops = new HashSet<>();
    final Map<DayRef, DayWrite> replaces = new HashMap<>();
    final Map<DayRef, DayWrite> appends = new HashMap<>();
    boolean complete = true;

    Plan(long generation) {
      this.generation = generation;
    }

    boolean isEmpty() {
      return !reset
          && watermark == null
          && running == null
          && drops.isEmpty()
          && replaces.isEmpty()
          && appends.isEmpty();
    }
  }

  private Plan plan(Connection c, RollupKind kind, List<String> workflows, long fromDay, long toDay)
      throws SQLException {
    State st = load(c, kind);
    Plan p = new Plan(st.generation);
    if (st.layout != LAYOUT) {
      p.reset = true;
      long generation = st.generation;
      st = new State();
      st.generation = generation;
    }
    final State state = st;
    long max = maxRowid(c, kind);

    // 0. The row at the watermark must be the one we saw. If it is gone or another, the newest
    // rows were deleted and their rowids may be reused by rows no count would show (the same
    // number of rows in the same days): this kind starts afresh.
    boolean anchorMoved = false;
    if (state.watermark > 0 && !state.days.isEmpty()) {
      Long anchor = startOf(c, kind, state.watermark);
      if (anchor == null || anchor != state.anchor) {
        state.days.forEach((w, days) -> days.keySet().forEach(d -> p.drops.add(new DayRef(w, d))));
        state.days.clear();
        anchorMoved = true;
      }
    }

    // 1. New rows (late ones too) go to their day when it is rolled up.
    Map<String, RunGrouper> added = new HashMap<>();
    Map<DayRef, Long> addedRows = new HashMap<>();
    if (max != state.watermark || anchorMoved) {
      if (state.watermark >= 0 && max > state.watermark && !state.days.isEmpty()) {
        source.newerThan(
            c,
            kind,
            state.watermark,
            r -> {
              long day = Math.floorDiv(r.startedAt(), DAY_MS);
              if (r.workflowId() != null && state.day(r.workflowId(), day) != null) {
                addedRows.merge(new DayRef(r.workflowId(), day), 1L, Long::sum);
                added.computeIfAbsent(r.workflowId(), k -> new RunGrouper(true)).add(r);
              }
            });
      }
      p.watermark = max;
      Long anchor = max > 0 ? startOf(c, kind, max) : null;
      p.anchor = anchor == null ? -1 : anchor;
    }

    // 2. Executions that were running and have finished since.
    if (kind == RollupKind.EXECUTIONS) {
      Set<Long> now = runningRowids(c);
      if (!now.equals(state.running)) {
        for (long rowid : state.running) {
          if (now.contains(rowid) || rowid > state.watermark) {
            continue;
          }
          SourceRow r = source.execution(c, rowid);
          if (r != null && !r.running()) {
            long day = Math.floorDiv(r.startedAt(), DAY_MS);
            if (state.day(r.workflowId(), day) != null) {
              added.computeIfAbsent(r.workflowId(), k -> new RunGrouper(true)).add(r);
            }
          }
        }
        p.running = now;
      }
    }

    // 3. Days older than a workflow's oldest row: dropped with the rows (retention, archive).
    Map<String, Long> firstDays = new HashMap<>();
    for (Map.Entry<String, TreeMap<Long, DayInfo>> e : state.days.entrySet()) {
      long firstDay = firstDay(c, kind, e.getKey(), firstDays);
      for (long day : e.getValue().headMap(firstDay).keySet()) {
        p.drops.add(new DayRef(e.getKey(), day));
      }
    }

    // 4. The days asked for: checked against the source's row count, rolled up when missing.
    // Days before the workflow's oldest row hold nothing and are not kept (a ten-year window
    // would otherwise store thousands of empty days, and step 3 drop them again).
    long budget = ROWS_PER_ROUND;
    boolean builtSome = false;
    for (String w : workflows) {
      long from = Math.max(fromDay, firstDay(c, kind, w, firstDays));
      if (from > toDay) {
        continue;
      }
      Map<Long, Long> counts = dayCounts(c, kind, w, from, toDay);
      List<Long> build = new ArrayList<>();
      long needed = 0;
      for (long d = from; d <= toDay; d++) {
        DayRef ref = new DayRef(w, d);
        DayInfo info = p.drops.contains(ref) ? null : state.day(w, d);
        long actual = counts.getOrDefault(d, 0L);
        if (info != null && info.sourceRows() + addedRows.getOrDefault(ref, 0L) == actual) {
          continue;
        }
        if (builtSome && needed + actual > budget) {
          p.complete = false;
          break;
        }
        build.add(d);
        needed += actual;
        builtSome = true;
      }
      if (!build.isEmpty()) {
        buildDays(c, kind, w, build, p);
        budget -= needed;
      }
      if (!p.complete) {
        break;
      }
    }

    // 5. What was added to days that are neither dropped nor rebuilt.
    for (Map.Entry<String, RunGrouper> e : added.entrySet()) {
      Map<Long, Map<RunGrouper.Key, RunChunk>> byDay = byDay(e.getValue().chunks());
      for (Map.Entry<Long, Map<RunGrouper.Key, RunChunk>> d : byDay.entrySet()) {
        appendTo(c, kind, state, p, new DayRef(e.getKey(), d.getKey()), d.getValue(), addedRows);
      }
    }
    for (Map.Entry<DayRef, Long> e : addedRows.entrySet()) {
      if (!p.appends.containsKey(e.getKey())) {
        appendTo(c, kind, state, p, e.getKey(), Map.of(), addedRows);
      }
    }
    return p;
  }

  private void appendTo(
      Connection c,
      RollupKind kind,
      State state,
      Plan p,
      DayRef ref,
      Map<RunGrouper.Key, RunChunk> chunks,
      Map<DayRef, Long> addedRows)
      throws SQLException {
    if (p.drops.contains(ref) || p.replaces.containsKey(ref)) {
      return;
    }
    DayInfo info = state.day(ref.workflowId(), ref.day());
    long rows = info.sourceRows() + addedRows.getOrDefault(ref, 0L);
    if (info.chunks() + chunks.size() > MAX_CHUNKS_PER_DAY) {
      Map<RunGrouper.Key, List<RunChunk>> all = new HashMap<>();
      readDay(c, kind, ref, all);
      chunks.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      Map<RunGrouper.Key, RunChunk> merged = new HashMap<>();
      all.forEach((k, v) -> merged.put(k, RunChunk.merge(v)));
      p.replaces.put(ref, new DayWrite(rows, merged.size(), merged));
    } else {
      p.appends.put(ref, new DayWrite(rows, info.chunks() + chunks.size(), chunks));
    }
  }

  private void buildDays(Connection c, RollupKind kind, String workflow, List<Long> days, Plan p)
      throws SQLException {
    RunGrouper grouper = new RunGrouper(true);
    Map<Long, Long> rows = new HashMap<>();
    int i = 0;
    while (i < days.size()) {
      int j = i;
      while (j + 1 < days.size() && days.get(j + 1) == days.get(j) + 1) {
        j++;
      }
      source.range(
          c,
          kind,
          workflow,
          days.get(i) * DAY_MS,
          (days.get(j) + 1) * DAY_MS,
          null,
          null,
          r -> {
            rows.merge(Math.floorDiv(r.startedAt(), DAY_MS), 1L, Long::sum);
            grouper.add(r);
          });
      i = j + 1;
    }
    Map<Long, Map<RunGrouper.Key, RunChunk>> byDay = byDay(grouper.chunks());
    for (long d : days) {
      Map<RunGrouper.Key, RunChunk> chunks = byDay.getOrDefault(d, Map.of());
      p.replaces.put(
          new DayRef(workflow, d), new DayWrite(rows.getOrDefault(d, 0L), chunks.size(), chunks));
    }
  }

  private static Map<Long, Map<RunGrouper.Key, RunChunk>> byDay(Map<RunGrouper.Key, RunChunk> in) {
    Map<Long, Map<RunGrouper.Key, RunChunk>> out = new HashMap<>();
    in.forEach((k, v) -> out.computeIfAbsent(k.day(), d -> new HashMap<>()).put(k, v));
    return out;
  }

  // ---------------------------------------------------------------- reading

  private Map<String, Map<RunGrouper.Key, List<RunChunk>>> read(
      Connection c,
      RollupKind kind,
      List<String> workflows,
      Window window,
      long fromDay,
      long toDay,
      String nodeId,
      String status)
      throws SQLException {
    String sql =
        "SELECT day, k1, k2, k3, data FROM analytics_rollup_chunks"
            + " WHERE kind = ? AND workflow_id = ? AND day >= ? AND day <= ?"
            + (nodeId != null && kind.nodePart() >= 0
                ? " AND k" + (kind.nodePart() + 1) + " = ?"
                : "")
            + (status != null && kind.statusPart() >= 0
                ? " AND k" + (kind.statusPart() + 1) + " = ?"
                : "");
    Map<String, Map<RunGrouper.Key, List<RunChunk>>> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (String w : workflows) {
        int i = 1;
        ps.setString(i++, kind.table);
        ps.setString(i++, w);
        ps.setLong(i++, fromDay);
        ps.setLong(i++, toDay);
        if (nodeId != null && kind.nodePart() >= 0) {
          ps.setString(i++, nodeId);
        }
        if (status != null && kind.statusPart() >= 0) {
          ps.setString(i, status);
        }
        Map<RunGrouper.Key, List<RunChunk>> groups = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long day = rs.getLong(1);
            long dayStart = day * DAY_MS;
            RunChunk chunk = RunCodec.decode(rs.getBytes(5), dayStart);
            if (dayStart < window.sinceMillis() || dayStart + DAY_MS > window.untilMillis()) {
              chunk = chunk.startedBetween(window.sinceMillis(), window.untilMillis());
            }
            if (chunk.size() > 0) {
              RunGrouper.Key key =
                  new RunGrouper.Key(
                      RunGrouper.NO_DAY, rs.getString(2), rs.getString(3), rs.getString(4));
              groups.computeIfAbsent(key, k -> new ArrayList<>()).add(chunk);
            }
          }
        }
        out.put(w, groups);
      }
    }
    return out;
  }

  private static void readDay(
      Connection c, RollupKind kind, DayRef ref, Map<RunGrouper.Key, List<RunChunk>> into)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT k1, k2, k3, data FROM analytics_rollup_chunks"
                + " WHERE kind = ? AND workflow_id = ? AND day = ?")) {
      ps.setString(1, kind.table);
      ps.setString(2, ref.workflowId());
      ps.setLong(3, ref.day());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          RunGrouper.Key key =
              new RunGrouper.Key(ref.day(), rs.getString(1), rs.getString(2), rs.getString(3));
          into.computeIfAbsent(key, k -> new ArrayList<>())
              .add(RunCodec.decode(rs.getBytes(4), ref.day() * DAY_MS));
        }
      }
    }
  }

  private State load(Connection c, RollupKind kind) throws SQLException {
    State st = new State();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('"
                    + String.join("', '", TABLES)
                    + "')")) {
      rs.next();
      if (rs.getInt(1) < TABLES.size()) {
        return st;
      }
    }
    st.layout = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT key, value FROM analytics_rollup_meta")) {
      while (rs.next()) {
        String key = rs.getString(1);
        long value = rs.getLong(2);
        if (key.equals("generation")) {
          st.generation = value;
        } else if (key.equals("layout")) {
          st.layout = value;
        } else if (key.equals("watermark." + kind.table)) {
          st.watermark = value;
        } else if (key.equals("anchor." + kind.table)) {
          st.anchor = value;
        }
      }
    }
    if (st.layout != LAYOUT) {
      return st;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT workflow_id, day, source_rows, chunks FROM analytics_rollup_days"
                + " WHERE kind = ?")) {
      ps.setString(1, kind.table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          st.days
              .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
              .put(rs.getLong(2), new DayInfo(rs.getLong(3), rs.getInt(4)));
        }
      }
    }
    if (kind == RollupKind.EXECUTIONS) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT execution_rowid FROM analytics_rollup_running")) {
        while (rs.next()) {
          st.running.add(rs.getLong(1));
        }
      }
    }
    return st;
  }

  private static long maxRowid(Connection c, RollupKind kind) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(" + kind.rowid + ") FROM " + kind.table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Set<Long> runningRowids(Connection c) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT rowid FROM executions WHERE status = 'running'")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** The UTC day of the workflow's oldest row ({@link Long#MAX_VALUE} for none), memoised. */
  private static long firstDay(
      Connection c, RollupKind kind, String workflow, Map<String, Long> memo) throws SQLException {
    Long known = memo.get(workflow);
    if (known == null) {
      Long oldest = minStart(c, kind, workflow);
      known = oldest == null ? Long.MAX_VALUE : Math.floorDiv(oldest, DAY_MS);
      memo.put(workflow, known);
    }
    return known;
  }

  private static Long minStart(Connection c, RollupKind kind, String workflow) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT min(started_at) FROM " + kind.table + " WHERE workflow_id = ?")) {
      ps.setString(1, workflow);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long v = rs.getLong(1);
        return rs.wasNull() ? null : v;
      }
    }
  }

  /** Days counted by one statement. */
  private static final int DAYS_PER_STATEMENT = 64;

  /**
   * Each day's row count for one workflow, on the {@code (workflow_id, started_at)} index alone (no
   * table access): one range subquery a day, up to {@value #DAYS_PER_STATEMENT} days a statement —
   * several times faster than grouping by an expression, which sorts every row.
   */
  private static Map<Long, Long> dayCounts(
      Connection c, RollupKind kind, String workflow, long fromDay, long toDay)
      throws SQLException {
    Map<Long, Long> out = new HashMap<>();
    for (long first = fromDay; first <= toDay; first += DAYS_PER_STATEMENT) {
      long last = Math.min(toDay, first + DAYS_PER_STATEMENT - 1);
      StringBuilder sql = new StringBuilder("SELECT ");
      for (long d = first; d <= last; d++) {
        sql.append(d > first ? ", " : "")
            .append("(SELECT count(*) FROM ")
            .append(kind.table)
            .append(" WHERE workflow_id = ? AND started_at >= ? AND started_at < ?)");
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        for (long d = first; d <= last; d++) {
          ps.setString(i++, workflow);
          ps.setLong(i++, d * DAY_MS);
          ps.setLong(i++, (d + 1) * DAY_MS);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          for (long d = first; d <= last; d++) {
            long rows = rs.getLong((int) (d - first + 1));
            if (rows > 0) {
              out.put(d, rows);
            }
          }
        }
      }
    }
    return out;
  }

  /** The start of the row with this rowid, or null when there is none. */
  private static Long startOf(Connection c, RollupKind kind, long rowid) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT started_at FROM " + kind.table + " WHERE " + kind.rowid + " = ?")) {
      ps.setLong(1, rowid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  // ---------------------------------------------------------------- writing

  private static boolean write(Connection c, RollupKind kind, Plan p) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String ddl : DDL) {
        s.execute(ddl);
      }
    }
    if (meta(c, "generation", 0) != p.generation) {
      return false;
    }
    if (p.reset) {
      // Another layout: its tables may have other columns, so they are made anew.
      try (Statement s = c.createStatement()) {
        for (String t : TABLES) {
          s.execute("DROP TABLE " + t);
        }
        for (String ddl : DDL) {
          s.execute(ddl);
        }
      }
    }
    setMeta(c, "layout", LAYOUT);
    try (PreparedStatement deleteChunks =
            c.prepareStatement(
                "DELETE FROM analytics_rollup_chunks WHERE kind = ? AND workflow_id = ? AND day = ?");
        PreparedStatement deleteDay =
            c.prepareStatement(
                "DELETE FROM analytics_rollup_days WHERE kind = ? AND workflow_id = ? AND day = ?");
        PreparedStatement insertChunk =
            c.prepareStatement(
                "INSERT INTO analytics_rollup_chunks(kind, workflow_id, day, k1, k2, k3, runs,"
                    + " data) VALUES (?,?,?,?,?,?,?,?)");
        PreparedStatement upsertDay =
            c.prepareStatement(
                "INSERT OR REPLACE INTO analytics_rollup_days(kind, workflow_id, day,"
                    + " source_rows, chunks) VALUES (?,?,?,?,?)")) {
      for (DayRef ref : p.drops) {
        bindDay(deleteChunks, kind, ref).executeUpdate();
        bindDay(deleteDay, kind, ref).executeUpdate();
      }
      for (Map.Entry<DayRef, DayWrite> e : p.replaces.entrySet()) {
        bindDay(deleteChunks, kind, e.getKey()).executeUpdate();
        writeDay(kind, e.getKey(), e.getValue(), insertChunk, upsertDay);
      }
      for (Map.Entry<DayRef, DayWrite> e : p.appends.entrySet()) {
        writeDay(kind, e.getKey(), e.getValue(), insertChunk, upsertDay);
      }
      insertChunk.executeBatch();
    }
    if (p.watermark != null) {
      setMeta(c, "watermark." + kind.table, p.watermark);
      setMeta(c, "anchor." + kind.table, p.anchor);
    }
    if (p.running != null) {
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM analytics_rollup_running");
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO analytics_rollup_running(execution_rowid) VALUES (?)")) {
        for (long id : p.running) {
          ps.setLong(1, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    setMeta(c, "generation", p.generation + 1);
    return true;
  }

  private static void writeDay(
      RollupKind kind,
      DayRef ref,
      DayWrite w,
      PreparedStatement insertChunk,
      PreparedStatement upsertDay)
      throws SQLException {
    for (Map.Entry<RunGrouper.Key, RunChunk> e : w.chunksToAdd().entrySet()) {
      RunGrouper.Key k = e.getKey();
      insertChunk.setString(1, kind.table);
      insertChunk.setString(2, ref.workflowId());
      insertChunk.setLong(3, ref.day());
      setText(insertChunk, 4, k.k1());
      setText(insertChunk, 5, k.k2());
      setText(insertChunk, 6, k.k3());
      insertChunk.setInt(7, e.getValue().size());
      insertChunk.setBytes(8, RunCodec.encode(e.getValue(), ref.day() * DAY_MS));
      insertChunk.addBatch();
    }
    upsertDay.setString(1, kind.table);
    upsertDay.setString(2, ref.workflowId());
    upsertDay.setLong(3, ref.day());
    upsertDay.setLong(4, w.sourceRows());
    upsertDay.setInt(5, w.chunks());
    upsertDay.executeUpdate();
  }

  private static PreparedStatement bindDay(PreparedStatement ps, RollupKind kind, DayRef ref)
      throws SQLException {
    ps.setString(1, kind.table);
    ps.setString(2, ref.workflowId());
    ps.setLong(3, ref.day());
    return ps;
  }

  private static long meta(Connection c, String key, long otherwise) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT value FROM analytics_rollup_meta WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : otherwise;
      }
    }
  }

  private static void setMeta(Connection c, String key, long value) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT OR REPLACE INTO analytics_rollup_meta(key, value) VALUES (?, ?)")) {
      ps.setString(1, key);
      ps.setLong(2, value);
      ps.executeUpdate();
    }
  }

  private static void setText(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }

  /** Runs {@code work} in one read transaction, so that every query of it sees one snapshot. */
  private static <T> T inSnapshot(Connection c, SqlSupplier<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      return work.get();
    } finally {
      try {
        c.rollback();
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  @FunctionalInterface
  private interface SqlSupplier<T> {
    T get() throws SQLException;
  }
}
