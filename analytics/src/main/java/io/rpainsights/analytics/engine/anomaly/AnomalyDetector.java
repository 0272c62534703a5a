package io.rpainsights.analytics.engine.anomaly;

import io.rpainsights.analytics.engine.stat.HumanDuration;
import io.rpainsights.analytics.engine.stat.ModifiedZScore;
import io.rpainsights.analytics.store.Detail;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds runs that were abnormally slow against their baseline: each successful execution and step
 * that started in the detection window is scored with the modified z-score {@code 0.6745·(x −
 * median)/MAD} of its series (the workflow's executions, or one step), on a log scale by default,
 * against the baseline of the stable period just before the window (rolling, 7 days by default,
 * stored in {@code analytics_baselines}). Only the slow side alarms; failed runs are left to the
 * success rates. Anomalies whose starts lie within the correlation window form one incident, which
 * is described with what the host's resources did meanwhile; a series that stays anomalous for
 * {@code escalateAfter} runs in a row is escalated.
 */
public final class AnomalyDetector {
  private final StoreReader reader;
  private final BaselineStore baselines;
  private final ResourceContext resources;
  private final Clock clock;

  public AnomalyDetector(StoreReader reader, BaselineStore baselines, Clock clock) {
    this.reader = reader;
    this.baselines = baselines;
    this.resources = new ResourceContext(reader);
    this.clock = clock;
  }

  /** The anomalies of the query's window, oldest first. */
  public List<Anomaly> anomalies(AnomalyQuery query) {
    List<String> workflows = reader.workflowsFor(query.workflowId());
    return reader
        .store()
        .cached(
            query,
            query.range().isRelative(),
            clock.millis(),
            () -> compute(query, workflows, query.range().resolve(clock.instant())));
  }

  private record Observation(
      String executionId,
      String workflowId,
      String nodeId,
      String actionType,
      long startedAt,
      double durationMs) {}

  private record Scored(Observation o, Baseline baseline, double z) {}

  private List<Anomaly> compute(AnomalyQuery q, List<String> workflows, Window window) {
    double threshold = q.threshold();
    long now = clock.millis();
    List<Scored> flagged = new ArrayList<>();
    Map<Scored, int[]> runs = new HashMap<>();
    for (String workflow : workflows) {
      Map<String, Baseline> base =
          baselines.baselines(workflow, q.scale(), q.baseline(), window.sinceMillis(), now);
      if (base.isEmpty()) {
        continue;
      }
      Map<String, List<Observation>> series = new HashMap<>();
      RowFilter filter = RowFilter.of(workflow, window).withStatus("success");
      reader.executions(
          filter,
          Detail.IDS,
          r -> {
            if (Double.isFinite(r.durationMs())) {
              series
                  .computeIfAbsent("", k -> new ArrayList<>())
                  .add(
                      new Observation(
                          r.executionId(), workflow, null, null, r.startedAt(), r.durationMs()));
            }
          });
      reader.steps(
          filter,
          Detail.IDS,
          r -> {
            if (BaselineStore.hasOwnSeries(r.nodeId()) && Double.isFinite(r.durationMs())) {
              series
                  .computeIfAbsent(r.nodeId(), k -> new ArrayList<>())
                  .add(
                      new Observation(
                          r.executionId(),
                          workflow,
                          r.nodeId(),
                          r.actionType(),
                          r.startedAt(),
                          r.durationMs()));
            }
          });
      for (Map.Entry<String, List<Observation>> e : series.entrySet()) {
        Baseline b = base.get(e.getKey());
        if (b == null) {
          continue;
        }
        List<Observation> obs = e.getValue();
        obs.sort(Comparator.comparingLong(Observation::startedAt));
        int run = 0;
        for (Observation o : obs) {
          double z = ModifiedZScore.score(q.scale().apply(o.durationMs()), b.robust());
          if (!Double.isNaN(z) && z > threshold) {
            run++;
            Scored s = new Scored(o, b, z);
            flagged.add(s);
            runs.put(s, new int[] {run});
          } else {
            run = 0;
          }
        }
      }
    }
    flagged.sort(
        Comparator.comparingLong((Scored s) -> s.o.startedAt())
            .thenComparing(s -> s.o.workflowId())
            .thenComparing(s -> s.o.nodeId() == null ? "" : s.o.nodeId()));
    return describe(q, flagged, runs, threshold);
  }

  private List<Anomaly> describe(
      AnomalyQuery q, List<Scored> flagged, Map<Scored, int[]> runs, double threshold) {
    List<Anomaly> result = new ArrayList<>(flagged.size());
    long gap = q.correlationWindow().toMillis();
    int i = 0;
    while (i < flagged.size()) {
      int j = i + 1;
      while (j < flagged.size()
          && flagged.get(j).o.startedAt() - flagged.get(j - 1).o.startedAt() <= gap) {
        j++;
      }
      List<Scored> incident = flagged.subList(i, j);
      long from = incident.get(0).o.startedAt();
      long to = from;
      Set<String> workflows = new HashSet<>();
      Set<String> executions = new HashSet<>();
      Map<String, Scored> slowestStepOf = new HashMap<>();
      for (Scored s : incident) {
        to = Math.max(to, s.o.startedAt() + (long) s.o.durationMs());
        workflows.add(s.o.workflowId());
        executions.add(s.o.executionId());
        if (s.o.nodeId() != null) {
          slowestStepOf.merge(
              s.o.executionId(), s, (a, b) -> a.o.durationMs() >= b.o.durationMs() ? a : b);
        }
      }
      String incidentId = "inc-" + Instant.ofEpochMilli(from).getEpochSecond();
      List<String> context = new ArrayList<>(resources.describe(from, to));
      if (executions.size() > 1) {
        context.add(
            String.format(
                Locale.ROOT,
                "%d anomalous runs of %d workflow%s within %s",
                executions.size(),
                workflows.size(),
                workflows.size() == 1 ? "" : "s",
                HumanDuration.format(Math.max(to - from, 0))));
      }
      for (Scored s : incident) {
        int consecutive = runs.get(s)[0];
        boolean escalated = consecutive >= q.escalateAfter();
        double expected = q.scale().invert(s.baseline.robust().median());
        result.add(
            new Anomaly(
                s.o.executionId(),
                s.o.workflowId(),
                s.o.nodeId(),
                "durationMs",
                s.o.durationMs(),
                expected,
                s.z,
                1 - threshold / Math.abs(s.z),
                sentence(
                    s,
                    expected,
                    threshold,
                    consecutive,
                    escalated,
                    s.o.nodeId() == null ? slowestStepOf.get(s.o.executionId()) : null,
                    context),
                Instant.ofEpochMilli(s.o.startedAt()),
                threshold,
                consecutive,
                escalated,
                incidentId,
                List.copyOf(context)));
      }
      i = j;
    }
    return result;
  }

  private static String sentence(
      Scored s,
      double expected,
      double threshold,
      int consecutive,
      boolean escalated,
      Scored slowestStep,
      List<String> context) {
    StringBuilder sb = new StringBuilder();
    if (s.o.nodeId() == null) {
      sb.append("Execution ").append(s.o.executionId()).append(" of ").append(s.o.workflowId());
    } else {
      sb.append("Step '").append(s.o.nodeId()).append('\'');
      if (s.o.actionType() != null) {
        sb.append(" (").append(s.o.actionType()).append(')');
      }
      sb.append(" of ").append(s.o.workflowId());
    }
    sb.append(
        String.format(
            Locale.ROOT,
            " took %s, usually %s (z = %.1f > %.2f)",
            HumanDuration.format(s.o.durationMs()),
            HumanDuration.format(expected),
            s.z,
            threshold));
    if (slowestStep != null) {
      sb.append("; mostly in step '").append(slowestStep.o.nodeId()).append('\'');
    }
    for (String c : context) {
      sb.append("; ").append(c);
    }
    if (escalated) {
      sb.append("; escalated: ").append(consecutive).append(" anomalous runs in a row");
    }
    return sb.toString();
  }
}
