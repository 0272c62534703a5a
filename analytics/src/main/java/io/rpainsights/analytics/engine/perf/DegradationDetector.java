package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.engine.stat.DoubleList;
import io.rpainsights.analytics.engine.stat.HumanDuration;
import io.rpainsights.analytics.engine.stat.MannWhitney;
import io.rpainsights.analytics.engine.stat.Percentiles;
import io.rpainsights.analytics.store.Detail;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds steps that got slower: the last {@code current} window against the {@code baseline} window
 * before it. A step is degraded only when both hold: its current durations are stochastically
 * greater (one-sided Mann-Whitney U, p &lt; alpha) and its median rose by at least the minimum
 * effect (percent and ms). With thousands of runs a tiny shift is "significant", so the effect size
 * is what keeps noise from alarming; the test keeps a real but small-sample change from alarming
 * either. Only completed runs (success or recovered) are compared, so a burst of fast failures does
 * not read as a speed-up. Deterministic: no permutations.
 */
public final class DegradationDetector {
  private final StoreReader reader;
  private final Clock clock;

  public DegradationDetector(StoreReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  /** One verdict per step of the workflow, in step order. */
  public List<StepDegradation> degradation(DegradationQuery query) {
    reader.requireWorkflow(query.workflowId());
    return reader
        .store()
        .cached(query, true, clock.millis(), () -> compute(query, clock.instant()));
  }

  /** The verdicts with "now" given (used by insights and reports). */
  public List<StepDegradation> compute(DegradationQuery query, Instant now) {
    Window current = Window.last(query.current(), now);
    Window baseline = Window.last(query.baseline(), current.since());
    // Keyed by the node id itself: a NULL node id (the null key) is a step of its own, apart from
    // every text, the text 'null' included.
    Map<String, Node> nodes = new HashMap<>();
    // Over every run in the window, failed ones too, as bottlenecks names a step's action type.
    Map<String, ActionTally> actions = new HashMap<>();
    reader.steps(
        RowFilter.of(query.workflowId(), new Window(baseline.since(), current.until())),
        Detail.TIMING,
        row -> {
          actions.computeIfAbsent(row.nodeId(), k -> new ActionTally()).add(row.actionType());
          // Every step gets a verdict (DESIGN.md: one object per step), even one whose runs all
          // failed; it is placed among the others by its completed runs where it has some.
          Node node = nodes.computeIfAbsent(row.nodeId(), Node::new);
          node.allStepNumberSum += row.stepNumber();
          node.allRows++;
          if (!row.completed()) {
            return;
          }
          node.stepNumberSum += row.stepNumber();
          node.rows++;
          if (Double.isFinite(row.durationMs())) {
            (row.startedAt() >= current.sinceMillis() ? node.current : node.baseline)
                .add(row.durationMs());
          }
        });
    List<Node> ordered = new ArrayList<>(nodes.values());
    ordered.sort(
        Comparator.comparingDouble(
                (Node n) ->
                    n.rows > 0
                        ? (double) n.stepNumberSum / n.rows
                        : (double) n.allStepNumberSum / n.allRows)
            .thenComparing(n -> n.nodeId, Comparator.nullsFirst(Comparator.naturalOrder())));
    List<StepDegradation> result = new ArrayList<>();
    for (Node node : ordered) {
      result.add(
          judge(
              query,
              node.nodeId,
              actions.get(node.nodeId).mostFrequent(),
              node.baseline.toArray(),
              node.current.toArray()));
    }
    return result;
  }

  /**
   * The verdict for one step given its completed durations in the baseline and current windows (not
   * changed); used by insights, which read the rows once for several analyses.
   */
  public static StepDegradation judge(
      DegradationQuery q, String nodeId, String actionType, double[] baseline, double[] current) {
    int nb = baseline.length;
    int nc = current.length;
    double[] base = baseline.clone();
    double[] cur = current.clone();
    java.util.Arrays.sort(base);
    java.util.Arrays.sort(cur);
    Double baseMedian = nb > 0 ? Percentiles.median(base) : null;
    Double curMedian = nc > 0 ? Percentiles.median(cur) : null;
    Double change =
        baseMedian != null && curMedian != null && baseMedian > 0
            ? (curMedian - baseMedian) / baseMedian * 100
            : null;
    if (nb == 0 && nc == 0) {
      return new StepDegradation(
          q.workflowId(),
          nodeId,
          actionType,
          0,
          0,
          null,
          null,
          null,
          null,
          false,
          "no completed runs in either window");
    }
    if (nb < q.minSamples() || nc < q.minSamples()) {
      return new StepDegradation(
          q.workflowId(),
          nodeId,
          actionType,
          nb,
          nc,
          baseMedian,
          curMedian,
          change,
          null,
          false,
          "too few runs: " + nb + " + " + nc + ", need " + q.minSamples() + " each");
    }
    double p = MannWhitney.greater(base, cur).pValue();
    double delta = curMedian - baseMedian;
    boolean significant = p < q.alpha();
    // A rise from a median of 0 has no ratio (changePct stays null) but exceeds every relative
    // threshold, so the absolute one decides.
    boolean relative = change != null ? change >= q.minChangePct() : baseMedian == 0 && delta > 0;
    boolean large = relative && delta >= q.minDeltaMs();
    String rise =
        change != null
            ? String.format(Locale.ROOT, "%+.0f %%", change)
            : HumanDuration.format(baseMedian) + " → " + HumanDuration.format(curMedian);
    String verdict;
    if (significant && large) {
      verdict = "slower: median " + rise + ", " + formatP(p);
    } else if (!large) {
      verdict =
          String.format(
              Locale.ROOT,
              "no: median %s, below +%s %% / +%s ms",
              change != null ? String.format(Locale.ROOT, "%+.1f %%", change) : rise,
              trim(q.minChangePct()),
              trim(q.minDeltaMs()));
    } else {
      verdict = "no: not significant, " + formatP(p);
    }
    return new StepDegradation(
        q.workflowId(),
        nodeId,
        actionType,
        nb,
        nc,
        baseMedian,
        curMedian,
        change,
        p,
        significant && large,
        verdict);
  }

  /** {@code p = 0.012}, or {@code p < 1e-6} where the normal approximation underflows. */
  public static String formatP(double p) {
    return p < 1e-6 ? "p < 1e-6" : String.format(Locale.ROOT, "p = %.2g", p);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static final class Node {
    final String nodeId;
    long stepNumberSum;
    long rows;
    long allStepNumberSum;
    long allRows;
    final DoubleList baseline = new DoubleList();
    final DoubleList current = new DoubleList();

    Node(String nodeId) {
      this.nodeId = nodeId;
    }
  }
}
