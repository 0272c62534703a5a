package io.rpainsights.analytics.engine.success;

import io.rpainsights.analytics.engine.perf.ActionTally;
import io.rpainsights.analytics.engine.stat.DoubleList;
import io.rpainsights.analytics.engine.stat.Summary;
import io.rpainsights.analytics.store.Detail;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Success rates by workflow, step, error type, recovery strategy and over time, and what
 * self-healing achieved: failed steps turned into completed ones, executions that only succeeded
 * because of it.
 */
public final class SuccessAnalyzer {
  /** The error type of step rows that failed without naming one. */
  public static final String UNKNOWN_ERROR = "(unknown)";

  private final StoreReader reader;
  private final Clock clock;

  public SuccessAnalyzer(StoreReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  private record Key(String kind, SuccessQuery query) {}

  private <T> T cached(String kind, SuccessQuery q, java.util.function.Function<Window, T> f) {
    if (q.workflowId() != null) {
      reader.requireWorkflow(q.workflowId());
    }
    return reader
        .store()
        .cached(
            new Key(kind, q),
            q.range().isRelative(),
            clock.millis(),
            () -> f.apply(q.range().resolve(clock.instant())));
  }

  /** Per workflow. */
  public List<WorkflowSuccess> byWorkflow(SuccessQuery q) {
    return cached("workflow", q, w -> byWorkflow(q.workflowId(), w));
  }

  /** Per workflow over a resolved window (used by insights and reports). */
  public List<WorkflowSuccess> byWorkflow(String workflowId, Window window) {
    Map<String, long[]> ex = new TreeMap<>(); // executions, ok, failed, timeout, saved
    reader.executions(
        RowFilter.of(workflowId, window),
        Detail.ERRORS,
        r -> {
          long[] c = ex.computeIfAbsent(r.workflowId(), k -> new long[5]);
          c[0]++;
          switch (r.status()) {
            case "success" -> {
              c[1]++;
              if (r.stepsRecovered() != null && r.stepsRecovered() > 0) {
                c[4]++;
              }
            }
            case "timeout" -> c[3]++;
            default -> c[2]++;
          }
        });
    Map<String, long[]> st = new HashMap<>(); // steps, failed, recovered, succeeded
    reader.steps(
        RowFilter.of(workflowId, window),
        Detail.TIMING,
        r -> {
          long[] c = st.computeIfAbsent(r.workflowId(), k -> new long[4]);
          c[0]++;
          switch (r.status()) {
            case "failed" -> c[1]++;
            case "recovered" -> c[2]++;
            case "success" -> c[3]++;
            default -> {
              // Another producer's status: counted as a run, neither outcome.
            }
          }
        });
    Map<String, long[]> rec = new HashMap<>(); // attempts, succeeded
    reader.recoveries(
        workflowId,
        window,
        r -> {
          // Keyed by the id itself: attempts recorded without a workflow (NULL, another
          // producer) are the null key, never those of a workflow named 'null'.
          long[] c = rec.computeIfAbsent(r.workflowId(), k -> new long[2]);
          c[0]++;
          if (r.success()) {
            c[1]++;
          }
        });
    List<WorkflowSuccess> result = new ArrayList<>();
    for (Map.Entry<String, long[]> e : ex.entrySet()) {
      long[] c = e.getValue();
      long[] s = st.getOrDefault(e.getKey(), new long[4]);
      long[] r = rec.getOrDefault(e.getKey(), new long[2]);
      result.add(
          new WorkflowSuccess(
              e.getKey(),
              c[0],
              c[1],
              c[2],
              c[3],
              (double) c[1] / c[0],
              s[0],
              s[1],
              s[2],
              s[0] == 0 ? null : (double) (s[3] + s[2]) / s[0],
              r[0],
              r[1],
              r[0] == 0 ? null : (double) r[1] / r[0],
              c[4]));
    }
    return result;
  }

  /** Per step, in step order. */
  public List<StepSuccess> byStep(SuccessQuery q) {
    return cached("step", q, w -> byStep(q.workflowId(), w));
  }

  /** Per step over a resolved window. */
  public List<StepSuccess> byStep(String workflowId, Window window) {
    Map<StepKey, long[]> nodes = new HashMap<>(); // runs, ok, recovered, failed, stepNumberSum
    Map<StepKey, NodeNames> names = new HashMap<>();
    reader.steps(
        RowFilter.of(workflowId, window),
        Detail.TIMING,
        r -> {
          StepKey key = new StepKey(r.workflowId(), r.nodeId());
          long[] c = nodes.computeIfAbsent(key, k -> new long[5]);
          names
              .computeIfAbsent(key, k -> new NodeNames(r.workflowId(), r.nodeId()))
              .actions
              .add(r.actionType());
          c[0]++;
          switch (r.status()) {
            case "success" -> c[1]++;
            case "recovered" -> c[2]++;
            case "failed" -> c[3]++;
            default -> {
              // Neither outcome.
            }
          }
          c[4] += r.stepNumber();
        });
    List<StepKey> keys = new ArrayList<>(nodes.keySet());
    keys.sort(
        Comparator.comparing(StepKey::workflowId)
            .thenComparingDouble(k -> (double) nodes.get(k)[4] / nodes.get(k)[0])
            .thenComparing(StepKey::nodeId, Comparator.nullsFirst(Comparator.naturalOrder())));
    List<StepSuccess> result = new ArrayList<>();
    for (StepKey k : keys) {
      long[] c = nodes.get(k);
      NodeNames n = names.get(k);
      result.add(
          new StepSuccess(
              n.workflowId,
              n.nodeId,
              n.actions.mostFrequent(),
              c[0],
              c[1],
              c[2],
              c[3],
              (double) (c[1] + c[2]) / c[0],
              (double) c[1] / c[0],
              c[2] + c[3] == 0 ? null : (double) c[2] / (c[2] + c[3])));
    }
    return result;
  }

  /**
   * A step of a workflow. The node id may be null (a NULL {@code node_id}): that step is a group of
   * its own, apart from every text, the text {@code 'null'} included.
   */
  private record StepKey(String workflowId, String nodeId) {}

  /** A node's names, with its action type chosen the way {@code stats} and insights choose it. */
  private static final class NodeNames {
    final String workflowId;
    final String nodeId;
    final ActionTally actions = new ActionTally();

    NodeNames(String workflowId, String nodeId) {
      this.workflowId = workflowId;
      this.nodeId = nodeId;
    }
  }

  /** Per error type, most frequent first. */
  public List<ErrorSuccess> byError(SuccessQuery q) {
    return cached("error", q, w -> byError(q.workflowId(), w));
  }

  /** Per error type over a resolved window. */
  public List<ErrorSuccess> byError(String workflowId, Window window) {
    Map<String, long[]> errors = new HashMap<>(); // stepErrors, recovered, unrecovered, execFail
    Map<String, Long> totals = new HashMap<>();
    RowFilter filter = RowFilter.of(workflowId, window);
    reader.steps(
        filter,
        Detail.ERRORS,
        r -> {
          boolean failed = "failed".equals(r.status());
          if (!failed && !"recovered".equals(r.status())) {
            return;
          }
          String type = r.errorType() == null ? UNKNOWN_ERROR : r.errorType();
          long[] c = errors.computeIfAbsent(r.workflowId() + '\u0000' + type, k -> new long[4]);
          c[0]++;
          c[failed ? 2 : 1]++;
          totals.merge(r.workflowId(), 1L, Long::sum);
        });
    reader.executions(
        filter,
        Detail.ERRORS,
        r -> {
          if (r.succeeded()) {
            return;
          }
          String type =
              r.errorType() != null
                  ? r.errorType()
                  : "timeout".equals(r.status()) ? "(timeout)" : UNKNOWN_ERROR;
          errors.computeIfAbsent(r.workflowId() + '\u0000' + type, k -> new long[4])[3]++;
        });
    List<ErrorSuccess> result = new ArrayList<>();
    for (Map.Entry<String, long[]> e : errors.entrySet()) {
      String[] parts = e.getKey().split("\u0000", 2);
      long[] c = e.getValue();
      long total = totals.getOrDefault(parts[0], 0L);
      result.add(
          new ErrorSuccess(
              parts[0],
              parts[1],
              c[0],
              c[1],
              c[2],
              c[0] == 0 ? null : (double) c[1] / c[0],
              total == 0 ? 0 : (double) c[0] / total,
              c[3]));
    }
    result.sort(
        Comparator.comparing(ErrorSuccess::workflowId)
            .thenComparing(Comparator.comparingLong(ErrorSuccess::stepErrors).reversed())
            .thenComparing(Comparator.comparingLong(ErrorSuccess::executionFailures).reversed())
            .thenComparing(ErrorSuccess::errorType));
    return result;
  }

  /** Per recovery strategy (over all workflows, or the query's one), most attempted first. */
  public List<StrategySuccess> byStrategy(SuccessQuery q) {
    return cached("strategy", q, w -> byStrategy(q.workflowId(), w));
  }

  /** Per recovery strategy over a resolved window. */
  public List<StrategySuccess> byStrategy(String workflowId, Window window) {
    Map<String, DoubleList> durations = new HashMap<>();
    Map<String, long[]> counts = new HashMap<>();
    Map<String, Set<String>> workflows = new HashMap<>();
    reader.recoveries(
        workflowId,
        window,
        r -> {
          // NULL is a key of its own: never merged with a strategy whose name is some text.
          String s = r.strategy();
          long[] c = counts.computeIfAbsent(s, k -> new long[2]);
          c[0]++;
          if (r.success()) {
            c[1]++;
          }
          durations.computeIfAbsent(s, k -> new DoubleList()).add(r.durationMs());
          Set<String> in = workflows.computeIfAbsent(s, k -> new HashSet<>());
          // A row without a workflow (another producer) is an attempt, but not another workflow.
          if (r.workflowId() != null) {
            in.add(r.workflowId());
          }
        });
    List<StrategySuccess> result = new ArrayList<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      long[] c = e.getValue();
      Summary s = Summary.of(durations.get(e.getKey()).toArray());
      result.add(
          new StrategySuccess(
              e.getKey(),
              c[0],
              c[1],
              (double) c[1] / c[0],
              s == null ? 0 : s.mean(),
              s == null ? 0 : s.median(),
              workflows.get(e.getKey()).size()));
    }
    result.sort(
        Comparator.comparingLong(StrategySuccess::attempts)
            .reversed()
            .thenComparing(
                StrategySuccess::strategy, Comparator.nullsFirst(Comparator.naturalOrder())));
    return result;
  }

  /** Success per time bucket, aligned to multiples of the bucket (UTC). */
  public List<SuccessPoint> overTime(SuccessQuery q) {
    return cached("time", q, w -> overTime(q.workflowId(), w, q.bucket().toMillis()));
  }

  /** Success per time bucket over a resolved window. */
  public List<SuccessPoint> overTime(String workflowId, Window window, long bucketMs) {
    long first = Math.floorDiv(window.sinceMillis(), bucketMs) * bucketMs;
    long n = Math.floorDiv(window.untilMillis() - 1 - first, bucketMs) + 1;
    if (n > 10_000) {
      throw new InvalidInputException(
          "the window holds "
              + n
              + " buckets of that size (at most 10000): choose a larger"
              + " --bucket");
    }
    long[][] c = new long[(int) n][5]; // executions, ok, recovered steps, attempts, attempts ok
    RowFilter filter = RowFilter.of(workflowId, window);
    reader.executions(
        filter,
        Detail.TIMING,
        r -> {
          long[] b = c[(int) ((r.startedAt() - first) / bucketMs)];
          b[0]++;
          if (r.succeeded()) {
            b[1]++;
          }
        });
    reader.steps(
        filter.withStatus("recovered"),
        Detail.TIMING,
        r -> c[(int) ((r.startedAt() - first) / bucketMs)][2]++);
    reader.recoveries(
        workflowId,
        window,
        r -> {
          long[] b = c[(int) ((r.startedAt() - first) / bucketMs)];
          b[3]++;
          if (r.success()) {
            b[4]++;
          }
        });
    List<SuccessPoint> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long[] b = c[i];
      points.add(
          new SuccessPoint(
              Instant.ofEpochMilli(first + i * bucketMs),
              b[0],
              b[0] == 0 ? null : (double) b[1] / b[0],
              b[2],
              b[3],
              b[3] == 0 ? null : (double) b[4] / b[3]));
    }
    return points;
  }
}
