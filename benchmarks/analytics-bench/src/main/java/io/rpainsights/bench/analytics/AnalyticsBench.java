package io.rpainsights.bench.analytics;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.anomaly.AnomalyQuery;
import io.rpainsights.analytics.engine.insight.InsightQuery;
import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.engine.perf.StatsQuery;
import io.rpainsights.analytics.engine.perf.StatsRow;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.StoreOptions;
import io.rpainsights.analytics.store.TimeRange;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Analytics at scale (issue 7, point 3): times the engine's answers over a generated store — warm
 * JVM, query cache off, median of N rounds with the questions interleaved (A B C … A B C …) so that
 * noise on a shared machine spreads over all of them — and, in the same rounds, the floor of each:
 * plain JDBC reading just the rows the answer needs. Also measured: each answer's first call on a
 * fresh copy of the store (it rolls up the days it needs), the same answers read from the rows
 * (rollup off), and answers right after an agent-like commit (the rollup refreshes first).
 *
 * <p>The clock is fixed at the store's synthetic end, so every run over the same store asks the
 * same questions. Usage: {@code AnalyticsBench --store FILE [--runs 10] [--warmup 3]
 * [--after-commit 5] [--workflow W] [--out DIR] [--no-rows]}.
 */
public final class AnalyticsBench {
  private static final long DAY = 86_400_000L;

  private AnalyticsBench() {}

  /** What to run. */
  record Options(
      Path store,
      Path work,
      int runs,
      int warmup,
      int afterCommit,
      String workflow,
      Path out,
      boolean fromRows) {}

  /** One question's figures, in milliseconds. */
  record Row(
      String name,
      double targetMs,
      double firstMs,
      List<Double> times,
      List<Double> floors,
      long floorRows,
      List<Double> fromRows,
      List<Double> afterCommit) {

    double median() {
      return Stats.median(times);
    }

    double floorMedian() {
      return Stats.median(floors);
    }
  }

  /** Everything one run measured. */
  record Result(Map<String, String> facts, List<Row> rows) {}

  public static void main(String[] args) {
    try {
      Options o = parse(args);
      Result r = run(o);
      String md = Report.markdown(r);
      System.out.println(md);
      if (o.out() != null) {
        Files.createDirectories(o.out());
        Files.writeString(o.out().resolve("results.md"), md);
        Files.writeString(o.out().resolve("results.json"), Report.json(r));
        System.out.println("written: " + o.out().resolve("results.md"));
      }
    } catch (InvalidInputException | IllegalArgumentException e) {
      System.err.println("analytics-bench: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("analytics-bench: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  static Options parse(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String k = args[i];
      if (k.equals("--no-rows")) {
        a.put(k, "true");
      } else if (k.startsWith("--") && i + 1 < args.length) {
        a.put(k, args[++i]);
      } else {
        throw new IllegalArgumentException("unexpected argument '" + k + "'");
      }
    }
    if (!a.containsKey("--store")) {
      throw new IllegalArgumentException(
          "usage: --store FILE [--work FILE] [--runs N] [--warmup N] [--after-commit N]"
              + " [--workflow W] [--out DIR] [--no-rows]");
    }
    Path store = Path.of(a.get("--store"));
    Path work =
        a.containsKey("--work")
            ? Path.of(a.get("--work"))
            : store.resolveSibling(store.getFileName() + ".work.db");
    return new Options(
        store,
        work,
        positive(a.getOrDefault("--runs", "10"), "--runs"),
        Integer.parseInt(a.getOrDefault("--warmup", "3")),
        Integer.parseInt(a.getOrDefault("--after-commit", "5")),
        a.get("--workflow"),
        a.containsKey("--out") ? Path.of(a.get("--out")) : null,
        !a.containsKey("--no-rows"));
  }

  private static int positive(String v, String name) {
    int n = Integer.parseInt(v);
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1");
    }
    return n;
  }

  /** Runs the benchmark on a fresh copy of {@code o.store()}. */
  static Result run(Options o) throws Exception {
    if (!Files.isRegularFile(o.store())) {
      throw new IllegalArgumentException("no store at " + o.store());
    }
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(o.work() + suffix));
    }
    Files.copy(o.store(), o.work(), StandardCopyOption.REPLACE_EXISTING);
    // A fresh copy is all dirty pages in the OS cache; the first SQLite checkpoint would flush
    // them all (~1 s) inside whichever call comes first. Flush them before anything is timed.
    try (FileChannel ch = FileChannel.open(o.work(), StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Map<String, String> facts = new LinkedHashMap<>();
    Instant end;
    String workflow;
    try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + o.work())) {
      end = storeEnd(plain);
      workflow = o.workflow() != null ? o.workflow() : busiestWorkflow(plain, end);
      facts.putAll(Machine.facts());
      facts.put("store", o.store().toString());
      facts.put("store size", String.format("%,d bytes", Files.size(o.store())));
      facts.put(
          "executions", String.format("%,d", count(plain, "SELECT count(*) FROM executions")));
      facts.put("steps", String.format("%,d", count(plain, "SELECT count(*) FROM steps")));
      facts.put("workflows", Integer.toString(Floors.workflows(plain).size()));
      facts.put("clock (store end)", end.toString());
      facts.put("one workflow", workflow + " (the most step rows in the last 30 days)");
    }
    Clock clock = Clock.fixed(end, ZoneOffset.UTC);
    List<Scenario> scenarios = scenarios(workflow, end.toEpochMilli());
    StoreOptions rollup = StoreOptions.defaults().withoutCache();
    StoreOptions rows = rollup.withoutRollups();
    List<double[]> first = new ArrayList<>();
    Map<String, List<Double>> times = new LinkedHashMap<>();
    Map<String, List<Double>> floors = new LinkedHashMap<>();
    Map<String, List<Double>> fromRows = new LinkedHashMap<>();
    Map<String, List<Double>> afterCommit = new LinkedHashMap<>();
    Map<String, Long> floorRows = new LinkedHashMap<>();
    for (Scenario s : scenarios) {
      times.put(s.name(), new ArrayList<>());
      floors.put(s.name(), new ArrayList<>());
      fromRows.put(s.name(), new ArrayList<>());
      afterCommit.put(s.name(), new ArrayList<>());
    }
    long fallbacks;
    try (Analytics a = Analytics.open(o.work(), clock, rollup);
        Analytics raw = Analytics.open(o.work(), clock, rows);
        Connection plain = DriverManager.getConnection("jdbc:sqlite:" + o.work())) {
      // First calls: a cold JVM on a store whose rollup is empty, so each rolls up what it needs.
      for (Scenario s : scenarios) {
        long t0 = System.nanoTime();
        consume(s.answer().run(a));
        first.add(new double[] {ms(t0)});
      }
      for (int round = -o.warmup(); round < o.runs(); round++) {
        for (Scenario s : scenarios) {
          long t0 = System.nanoTime();
          consume(s.answer().run(a));
          double answer = ms(t0);
          t0 = System.nanoTime();
          long n = s.floor().read(plain);
          double floor = ms(t0);
          double fromRowsMs = Double.NaN;
          if (o.fromRows()) {
            t0 = System.nanoTime();
            consume(s.answer().run(raw));
            fromRowsMs = ms(t0);
          }
          if (round >= 0) {
            times.get(s.name()).add(answer);
            floors.get(s.name()).add(floor);
            floorRows.put(s.name(), n);
            if (o.fromRows()) {
              fromRows.get(s.name()).add(fromRowsMs);
            }
          }
        }
      }
      // After an agent-like commit (an execution and its steps arrive), every answer first brings
      // the rollup up to date: new rows folded in, the window's day counts checked.
      try (Connection agent = DriverManager.getConnection("jdbc:sqlite:" + o.work())) {
        int seq = 0;
        for (int round = 0; round < o.afterCommit(); round++) {
          for (Scenario s : scenarios) {
            commitLikeTheAgent(agent, workflow, end.toEpochMilli(), seq++);
            long t0 = System.nanoTime();
            consume(s.answer().run(a));
            afterCommit.get(s.name()).add(ms(t0));
          }
        }
      }
      facts.put("rollup after the questions above", rollupFacts(plain));
      // The rest of the store: insights of every workflow over 30 days read every kind of row of
      // every day, so their first call rolls up all that is left; the second reads it back.
      InsightQuery everything = new InsightQuery(null, 30);
      long t0 = System.nanoTime();
      consume(a.insights().insights(everything));
      double build = ms(t0);
      t0 = System.nanoTime();
      consume(a.insights().insights(everything));
      double again = ms(t0);
      facts.put(
          "insights of all workflows, 30 d",
          String.format(
              Locale.ROOT,
              "%,.0f ms the first time (rolls up the rest of the store), %,.0f ms the next",
              build,
              again));
      facts.put("rollup of the whole store", rollupFacts(plain));
      fallbacks = a.reader().rollupFallbacks();
    }
    facts.put("answers read from the rows although the rollup covered them", "" + fallbacks);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      out.add(
          new Row(
              s.name(),
              s.targetMs(),
              first.get(i)[0],
              times.get(s.name()),
              floors.get(s.name()),
              floorRows.getOrDefault(s.name(), 0L),
              fromRows.get(s.name()),
              afterCommit.get(s.name())));
    }
    facts.put("runs", o.runs() + " measured rounds after " + o.warmup() + " warm-up rounds");
    return new Result(facts, out);
  }

  /** The questions of issue 7, point 3, and what each one's floor reads. */
  static List<Scenario> scenarios(String w, long now) {
    long week = now - 7 * DAY;
    long month = now - 30 * DAY;
    long hour = now - 3_600_000L;
    StatsQuery one = new StatsQuery(w, TimeRange.last(Duration.ofDays(7)), GroupBy.WORKFLOW, null);
    StatsQuery steps = new StatsQuery(w, TimeRange.last(Duration.ofDays(7)), GroupBy.STEP, null);
    StatsQuery all =
        new StatsQuery(null, TimeRange.last(Duration.ofDays(7)), GroupBy.WORKFLOW, null);
    return List.of(
        new Scenario(
            "stats, one workflow, 7 d",
            50,
            a -> a.stats().stats(one),
            c -> Floors.executions(c, w, week, now)),
        new Scenario(
            "stats --by step, one workflow, 7 d",
            0,
            a -> a.stats().stats(steps),
            c -> Floors.steps(c, w, week, now)),
        new Scenario(
            "stats, all workflows, 7 d",
            500,
            a -> a.stats().stats(all),
            c -> Floors.executions(c, null, week, now)),
        new Scenario(
            "anomalies, one workflow, 1 h",
            50,
            a -> a.anomalies().anomalies(AnomalyQuery.of(w, TimeRange.last(Duration.ofHours(1)))),
            c -> Floors.successfulRuns(c, w, hour, now)),
        new Scenario(
            "insights, one workflow, 30 d",
            100,
            a -> a.insights().insights(new InsightQuery(w, 30)),
            c ->
                Floors.executions(c, w, month, now)
                    + Floors.steps(c, w, month, now)
                    + Floors.recoveries(c, w, month, now)
                    + Floors.recoveries(c, null, month, now)
                    + Floors.cpu(c, now - 2 * DAY, now)),
        new Scenario(
            "dashboard's first answer (workflows + 7 d stats of each)",
            200,
            a -> {
              List<String> ids = a.reader().workflows();
              List<StatsRow> headline = a.stats().stats(all);
              return ids.size() + headline.size();
            },
            c -> Floors.workflows(c).size() + Floors.executions(c, null, week, now)));
  }

  /** One small commit as the agent makes them: a finished execution and its five steps. */
  private static void commitLikeTheAgent(Connection c, String workflow, long now, int seq)
      throws SQLException {
    c.setAutoCommit(false);
    String id = "syn-bench-" + seq;
    long start = now - 60_000 - seq * 1000L;
    try (PreparedStatement e =
            c.prepareStatement(
                "INSERT INTO executions(execution_id, workflow_id, host, started_at, completed_at,"
                    + " duration_ms, status, steps_total, steps_completed, steps_failed,"
                    + " steps_recovered) VALUES (?,?,'synthetic',?,?,?,'success',5,5,0,0)");
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO steps(execution_id, workflow_id, node_id, action_type, step_number,"
                    + " started_at, duration_ms, status) VALUES (?,?,?,?,?,?,?,'success')")) {
      e.setString(1, id);
      e.setString(2, workflow);
      e.setLong(3, start);
      e.setLong(4, start + 5000);
      e.setDouble(5, 5000.0);
      e.executeUpdate();
      for (int k = 1; k <= 5; k++) {
        s.setString(1, id);
        s.setString(2, workflow);
        s.setString(3, "bench-node-" + k);
        s.setString(4, "click");
        s.setInt(5, k);
        s.setLong(6, start + (k - 1) * 1000L);
        s.setDouble(7, 900.0 + k);
        s.addBatch();
      }
      s.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static Instant storeEnd(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT value FROM analytics_meta WHERE key = 'synthetic.end'")) {
      if (rs.next()) {
        return Instant.parse(rs.getString(1));
      }
    } catch (SQLException e) {
      // Not a generated store: the newest start is "now".
    }
    return Instant.ofEpochMilli(count(c, "SELECT max(started_at) + 1 FROM executions"));
  }

  private static String busiestWorkflow(Connection c, Instant end) throws SQLException {
    String best = null;
    long most = -1;
    for (String w : Floors.workflows(c)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT count(*) FROM steps WHERE workflow_id = ? AND started_at >= ?")) {
        ps.setString(1, w);
        ps.setLong(2, end.toEpochMilli() - 30 * DAY);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > most) {
            most = rs.getLong(1);
            best = w;
          }
        }
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("the store has no executions");
    }
    return best;
  }

  private static String rollupFacts(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*), coalesce(sum(runs), 0), coalesce(sum(length(data)), 0)"
                    + " FROM analytics_rollup_chunks")) {
      rs.next();
      return String.format(
          "%,d chunks holding %,d runs in %,d bytes of BLOBs (%.1f bytes a run)",
          rs.getLong(1),
          rs.getLong(2),
          rs.getLong(3),
          rs.getLong(2) == 0 ? 0.0 : (double) rs.getLong(3) / rs.getLong(2));
    } catch (SQLException e) {
      return "none (" + e.getMessage() + ")";
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  private static volatile int blackhole;

  private static void consume(Object answer) {
    blackhole += System.identityHashCode(answer) & 1;
  }
}
