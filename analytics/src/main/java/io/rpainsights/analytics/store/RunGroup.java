package io.rpainsights.analytics.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of one group that started in a window — a workflow's executions with one status, or its
 * steps of one node, action type and status — read from analytics' rollup or straight from the rows
 * ({@link StoreReader#executionRuns}, {@link StoreReader#stepRuns}); both give the same values.
 *
 * <p>Held as ascending parts (one per rolled-up day, or one for rows read directly); {@link
 * #durations()} merges them once, on demand, and {@link #startedBetween} cuts by start without
 * merging, skipping whole days outside the range. Durations are ascending with NaN last (executions
 * that never reported one). Arrays handed out are shared: read them, never write them. Thread-safe.
 */
public final class RunGroup {
  private final String workflowId;
  private final String nodeId;
  private final String actionType;
  private final String status;
  private final List<RunChunk> parts;
  private final int count;
  private final long stepNumberSum;
  private final Map<String, Long> errorTypes;
  private Timed merged; // guarded by this

  /** Durations ascending and each run's start. */
  private record Timed(double[] durations, long[] starts) {}

  RunGroup(
      String workflowId, String nodeId, String actionType, String status, List<RunChunk> parts) {
    this.workflowId = workflowId;
    this.nodeId = nodeId;
    this.actionType = actionType;
    this.status = status;
    this.parts = List.copyOf(parts);
    int n = 0;
    long steps = 0;
    Map<String, Long> errors = new HashMap<>();
    for (RunChunk c : this.parts) {
      n += c.size();
      steps += c.stepNumberSum();
      if (c.errorTypes != null && !"success".equals(status)) {
        for (String e : c.errorTypes) {
          if (e != null) {
            errors.merge(e, 1L, Long::sum);
          }
        }
      }
    }
    this.count = n;
    this.stepNumberSum = steps;
    this.errorTypes = Collections.unmodifiableMap(errors);
  }

  public String workflowId() {
    return workflowId;
  }

  /** The node (steps), null for executions. */
  public String nodeId() {
    return nodeId;
  }

  /** The action type (steps), null for executions. */
  public String actionType() {
    return actionType;
  }

  /** The status text as stored. */
  public String status() {
    return status;
  }

  public int count() {
    return count;
  }

  /** The sum of the runs' step numbers (steps; 0 for executions). */
  public long stepNumberSum() {
    return stepNumberSum;
  }

  /**
   * How many runs ended with each error type; only for statuses other than {@code success}, empty
   * otherwise.
   */
  public Map<String, Long> errorTypes() {
    return errorTypes;
  }

  /** Every duration, ascending, NaN last. */
  public double[] durations() {
    return merged().durations;
  }

  /** The start of each run, parallel to {@link #durations()}. */
  public long[] startedAt() {
    return merged().starts;
  }

  /** Durations that are known (finite), ascending. */
  public double[] knownDurations() {
    return finite(durations());
  }

  /**
   * The known durations as ascending parts (one per day from the rollup): merge them with other
   * groups' parts to sort a union once.
   */
  public List<double[]> knownDurationParts() {
    List<double[]> out = new ArrayList<>(parts.size());
    for (RunChunk c : parts) {
      double[] d = finite(c.durations);
      if (d.length > 0) {
        out.add(d);
      }
    }
    return out;
  }

  /** The earliest start of its runs; {@link Long#MAX_VALUE} for none. */
  public long earliestStart() {
    long min = Long.MAX_VALUE;
    for (RunChunk c : parts) {
      min = Math.min(min, c.minStart());
    }
    return min;
  }

  /** The group's runs that started in {@code [from, to)}. */
  public RunGroup startedBetween(long from, long to) {
    List<RunChunk> cut = new ArrayList<>(parts.size());
    for (RunChunk c : parts) {
      RunChunk k = c.startedBetween(from, to);
      if (k.size() > 0) {
        cut.add(k);
      }
    }
    return new RunGroup(workflowId, nodeId, actionType, status, cut);
  }

  /** An execution that succeeded. */
  public boolean succeeded() {
    return "success".equals(status);
  }

  /** A step that completed: succeeded at once or recovered by self-healing (DESIGN.md). */
  public boolean completed() {
    return "success".equals(status) || "recovered".equals(status);
  }

  private synchronized Timed merged() {
    if (merged == null) {
      Timed[] level = new Timed[parts.size()];
      for (int i = 0; i < level.length; i++) {
        level[i] = new Timed(parts.get(i).durations, parts.get(i).starts);
      }
      int n = level.length;
      // Balanced pairwise merging: log2(k) passes for k parts; ties keep the parts' order.
      while (n > 1) {
        int m = 0;
        for (int i = 0; i < n; i += 2) {
          level[m++] = i + 1 < n ? mergeTwo(level[i], level[i + 1]) : level[i];
        }
        n = m;
      }
      merged = n == 0 ? new Timed(new double[0], new long[0]) : level[0];
    }
    return merged;
  }

  private static Timed mergeTwo(Timed a, Timed b) {
    int na = a.durations.length;
    int nb = b.durations.length;
    double[] d = new double[na + nb];
    long[] s = new long[na + nb];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < na && j < nb) {
      if (Double.compare(a.durations[i], b.durations[j]) <= 0) {
        d[k] = a.durations[i];
        s[k++] = a.starts[i++];
      } else {
        d[k] = b.durations[j];
        s[k++] = b.starts[j++];
      }
    }
    System.arraycopy(a.durations, i, d, k, na - i);
    System.arraycopy(a.starts, i, s, k, na - i);
    k += na - i;
    System.arraycopy(b.durations, j, d, k, nb - j);
    System.arraycopy(b.starts, j, s, k, nb - j);
    return new Timed(d, s);
  }

  // Ascending with NaN last, so the non-finite values sit at the ends: -Infinity first, then
  // +Infinity and NaN. Rollup chunks written before durations were read as finite can hold them.
  private static double[] finite(double[] ascending) {
    int from = 0;
    int to = ascending.length;
    while (from < to && !Double.isFinite(ascending[from])) {
      from++;
    }
    while (to > from && !Double.isFinite(ascending[to - 1])) {
      to--;
    }
    return from == 0 && to == ascending.length
        ? ascending
        : java.util.Arrays.copyOfRange(ascending, from, to);
  }

  @Override
  public String toString() {
    return "RunGroup["
        + workflowId
        + ", "
        + nodeId
        + ", "
        + actionType
        + ", "
        + status
        + ", "
        + count
        + " runs]";
  }
}
