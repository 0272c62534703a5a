package io.rpainsights.analytics.engine.insight;

import io.rpainsights.analytics.engine.stat.DoubleList;
import io.rpainsights.analytics.engine.stat.Summary;
import io.rpainsights.analytics.store.AnalyticsState;
import io.rpainsights.analytics.store.Detail;
import io.rpainsights.analytics.store.ImplementedInsightRow;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.RecoveryCount;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the analyses into prioritised insights (see {@link InsightRules} for the rules), sorted by
 * {@code priority = impact × ease}. Insights marked implemented ({@link #implement}) carry the
 * measured before/after impact of their metric; one whose condition no longer holds is still
 * listed, with priority 0, so that its effect stays visible.
 */
public final class InsightGenerator {
  /** The band within which a change of the metric counts as unchanged, in percent. */
  static final double UNCHANGED_BAND_PCT = 5;

  private final StoreReader reader;
  private final AnalyticsState state;
  private final Clock clock;

  public InsightGenerator(StoreReader reader, AnalyticsState state, Clock clock) {
    this.reader = reader;
    this.state = state;
    this.clock = clock;
  }

  private record ContextKey(int days) {}

  /** The insights of the query, highest priority first. */
  public List<Insight> insights(InsightQuery query) {
    List<String> workflows = reader.workflowsFor(query.workflowId());
    return reader.store().cached(query, true, clock.millis(), () -> compute(query, workflows));
  }

  private List<Insight> compute(InsightQuery query, List<String> workflows) {
    long now = clock.millis();
    Window window = Window.last(Duration.ofDays(query.days()), Instant.ofEpochMilli(now));
    InsightRules.Context context =
        reader
            .store()
            .cached(
                new ContextKey(query.days()), true, now, () -> context(window, query.days(), now));
    List<Insight> insights = new ArrayList<>();
    for (String workflow : workflows) {
      insights.addAll(InsightRules.apply(WorkflowData.read(reader, workflow, window), context));
    }
    Set<String> scope = new HashSet<>(workflows);
    Map<String, Insight> byId = new HashMap<>();
    insights.forEach(i -> byId.put(i.id(), i));
    List<Insight> result = new ArrayList<>();
    Set<String> implemented = new HashSet<>();
    for (ImplementedInsightRow row : state.implementedInsights()) {
      if (!scope.contains(row.workflowId())) {
        continue;
      }
      implemented.add(row.insightId());
      MeasuredImpact measured = measure(row, now);
      Insight current = byId.get(row.insightId());
      result.add(
          current != null
              ? current.withImplementation(measured)
              : new Insight(
                  row.insightId(),
                  row.workflowId(),
                  row.nodeId(),
                  row.subject(),
                  row.category(),
                  row.title(),
                  "Implemented on "
                      + Instant.ofEpochMilli(row.implementedAt())
                      + "; the condition that raised it no longer holds.",
                  "Nothing left to do; keep watching the metric.",
                  "measured: see measuredImpact",
                  0,
                  0,
                  0,
                  "priority 0: resolved",
                  row.metric(),
                  measured.after(),
                  "implemented",
                  measured));
    }
    for (Insight i : insights) {
      if (!implemented.contains(i.id())) {
        result.add(i);
      }
    }
    result.sort(
        Comparator.comparingDouble(Insight::priority).reversed().thenComparing(Insight::id));
    return result;
  }

  private InsightRules.Context context(Window window, int days, long now) {
    Map<String, double[]> strategies = new HashMap<>();
    for (RecoveryCount r : reader.recoveryCounts(null, window)) {
      // These rates only pick a replacement to recommend, and a strategy without a name (NULL,
      // from another producer) cannot be configured in place of another.
      if (r.strategy() == null) {
        continue;
      }
      double[] t = strategies.computeIfAbsent(r.strategy(), k -> new double[2]);
      t[0] += r.count();
      if (r.success()) {
        t[1] += r.count();
      }
    }
    Window cpuWindow = Window.last(Duration.ofDays(Math.min(days, 2)), Instant.ofEpochMilli(now));
    return new InsightRules.Context(now, days, strategies, reader.systemCpuPerMinute(cpuWindow));
  }

  /**
   * Records that the insight {@code id} was acted on, with its metric's current value as the
   * "before" of later measurements.
   *
   * <p>The record is a fact with a moment: its time starts the "after" window and its value is the
   * "before", so it is written once and never replaced (replacing it would restart the measurement
   * against a "before" taken at another time). Running it again for a recorded insight is a no-op
   * that returns the first record; with a different {@code note} it is refused rather than dropping
   * the note without a word.
   *
   * @throws InvalidInputException when no current or recorded insight has that id, the insight is
   *     already recorded with another note, or the store cannot be written
   */
  public Implementation implement(String id, String note, int days) {
    String wanted = id.trim().toLowerCase(java.util.Locale.ROOT);
    ImplementedInsightRow previous = recorded(wanted);
    if (previous != null) {
      return alreadyRecorded(previous, note);
    }
    Insight found = null;
    for (Insight i : compute(new InsightQuery(null, days), reader.workflows())) {
      if (i.id().equals(wanted)) {
        found = i;
        break;
      }
    }
    if (found == null) {
      throw new InvalidInputException(
          "unknown insight '" + id + "' (run 'rpa-insights insights' to list the current ones)");
    }
    if (found.metricValue() == null) {
      throw new InvalidInputException("insight '" + id + "' has no measurable metric yet");
    }
    ImplementedInsightRow row =
        new ImplementedInsightRow(
            found.id(),
            found.workflowId(),
            found.nodeId(),
            found.category(),
            found.subject(),
            found.title(),
            found.metric(),
            found.metricValue(),
            clock.millis(),
            note);
    if (!state.recordImplemented(row)) {
      // Another process recorded it between our look and our write; its record stands.
      return alreadyRecorded(recorded(wanted), note);
    }
    return new Implementation(row, false);
  }

  private ImplementedInsightRow recorded(String insightId) {
    return state.implementedInsights().stream()
        .filter(r -> r.insightId().equals(insightId))
        .findFirst()
        .orElse(null);
  }

  private static Implementation alreadyRecorded(ImplementedInsightRow previous, String note) {
    if (note != null && !note.equals(previous.note())) {
      throw new InvalidInputException(
          "insight '"
              + previous.insightId()
              + "' was already recorded as implemented at "
              + Instant.ofEpochMilli(previous.implementedAt())
              + (previous.note() == null
                  ? " without a note"
                  : " with the note '" + previous.note() + "'")
              + "; the first record is kept, so that its before/after measurement holds");
    }
    return new Implementation(previous, true);
  }

  /** The implemented insight's metric over the runs since it was marked. */
  MeasuredImpact measure(ImplementedInsightRow row, long now) {
    Instant since = Instant.ofEpochMilli(row.implementedAt());
    if (row.implementedAt() >= now) {
      return new MeasuredImpact(
          since, row.note(), row.metric(), row.beforeValue(), null, null, 0, "too early");
    }
    Window window = new Window(since, Instant.ofEpochMilli(now));
    double after;
    long runs;
    boolean higherIsBetter;
    switch (row.metric()) {
      case "successRate" -> {
        long[] c = new long[2];
        reader.executions(
            RowFilter.of(row.workflowId(), window),
            Detail.TIMING,
            r -> {
              c[0]++;
              if (r.succeeded()) {
                c[1]++;
              }
            });
        runs = c[0];
        after = runs == 0 ? Double.NaN : (double) c[1] / c[0];
        higherIsBetter = true;
      }
      case "recoverySuccessRate" -> {
        long[] c = new long[2];
        reader.recoveries(
            row.workflowId(),
            window,
            r -> {
              // The insight's strategy; a null subject is the attempts whose strategy is NULL.
              if (Objects.equals(row.subject(), r.strategy())) {
                c[0]++;
                if (r.success()) {
                  c[1]++;
                }
              }
            });
        runs = c[0];
        after = runs == 0 ? Double.NaN : (double) c[1] / c[0];
        higherIsBetter = true;
      }
      case "p99Ms" -> {
        DoubleList v = new DoubleList();
        reader.executions(
            RowFilter.of(row.workflowId(), window), Detail.TIMING, r -> v.add(r.durationMs()));
        Summary s = Summary.of(v.toArray());
        runs = s == null ? 0 : s.count();
        after = s == null ? Double.NaN : s.p99();
        higherIsBetter = false;
      }
      default -> {
        // A step's metric, over the runs the rule took its "before" from: the degradation rule
        // judges completed runs only (as the detector does); the others — bottleneck, variability,
        // resource-bound — describe every finished run of the step, failed ones too. A null node
        // id is the step whose rows have a NULL node_id; the filter cannot ask for that (null
        // there means every node), so its rows are picked here.
        boolean completedOnly = InsightCategory.DEGRADATION.id().equals(row.category());
        DoubleList v = new DoubleList();
        RowFilter filter = RowFilter.of(row.workflowId(), window);
        reader.steps(
            row.nodeId() == null ? filter : filter.withNode(row.nodeId()),
            Detail.TIMING,
            r -> {
              if ((r.completed() || !completedOnly) && Objects.equals(r.nodeId(), row.nodeId())) {
                v.add(r.durationMs());
              }
            });
        Summary s = Summary.of(v.toArray());
        runs = s == null ? 0 : s.count();
        after = s == null ? Double.NaN : "p95Ms".equals(row.metric()) ? s.p95() : s.median();
        higherIsBetter = false;
      }
    }
    if (runs < 5 || Double.isNaN(after)) {
      return new MeasuredImpact(
          since,
          row.note(),
          row.metric(),
          row.beforeValue(),
          Double.isNaN(after) ? null : after,
          null,
          runs,
          "too early");
    }
    Double change =
        row.beforeValue() == 0 ? null : (after - row.beforeValue()) / row.beforeValue() * 100;
    String verdict;
    if (change == null || Math.abs(change) < UNCHANGED_BAND_PCT) {
      verdict = "unchanged";
    } else {
      verdict = (change > 0) == higherIsBetter ? "improved" : "worse";
    }
    return new MeasuredImpact(
        since, row.note(), row.metric(), row.beforeValue(), after, change, runs, verdict);
  }
}
