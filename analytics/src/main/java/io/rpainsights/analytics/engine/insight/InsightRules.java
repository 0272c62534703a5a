package io.rpainsights.analytics.engine.insight;

import io.rpainsights.analytics.engine.insight.WorkflowData.NodeData;
import io.rpainsights.analytics.engine.insight.WorkflowData.StrategyData;
import io.rpainsights.analytics.engine.perf.DegradationDetector;
import io.rpainsights.analytics.engine.perf.DegradationQuery;
import io.rpainsights.analytics.engine.perf.StepDegradation;
import io.rpainsights.analytics.engine.stat.HumanDuration;
import io.rpainsights.analytics.engine.stat.Spearman;
import io.rpainsights.analytics.engine.stat.Summary;
import io.rpainsights.analytics.store.RunGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The rules that turn one workflow's data into insights. Each states its trigger, its impact (the
 * share of the workflow's step time — or of its runs — that acting on it could save, 0..1) and the
 * metric that later measures whether acting on it helped.
 *
 * <ul>
 *   <li>dominant bottleneck: a step takes ≥ 40 % of all step time; impact = share / 2 (halving the
 *       step);
 *   <li>high variability: a step's p95 ≥ 2.5 × its median (≥ 30 runs); impact = Σ(x − median)⁺ over
 *       its runs / all step time (runs no slower than the median);
 *   <li>slow p99 tail: a workflow's p99 ≥ 3 × its median (≥ 50 runs); impact = Σ(x − p95)⁺ / Σx
 *       over executions;
 *   <li>degradation: the degradation detector flags a step (last day against the 7 days before);
 *       impact = the median's rise / the execution median;
 *   <li>low success rate: fewer than 95 % of ≥ 20 runs succeed; impact = the failed share;
 *   <li>ineffective recovery: a strategy with ≥ 10 attempts works less than half the time; impact =
 *       failed attempts / runs;
 *   <li>resource-bound: a step's duration rises with system CPU (Spearman ρ ≥ 0.3, one-sided p &lt;
 *       0.001, ≥ 50 runs with a CPU sample in the same minute); impact = ρ² × its share.
 * </ul>
 */
final class InsightRules {
  static final double BOTTLENECK_SHARE = 0.4;
  static final double VARIABILITY_RATIO = 2.5;
  static final double TAIL_RATIO = 3.0;
  static final double LOW_SUCCESS = 0.95;
  static final double WEAK_RECOVERY = 0.5;
  static final double CPU_RHO = 0.3;

  /** How texts name the step whose rows have a NULL node id. */
  private static final String WITHOUT_ID = "the step without a node id";

  private InsightRules() {}

  /** Facts about the whole store the rules compare against. */
  record Context(
      long nowMillis,
      int days,
      Map<String, double[]> strategyRatesEverywhere,
      Map<Long, Double> cpuPerMinute) {}

  static List<Insight> apply(WorkflowData d, Context ctx) {
    List<Insight> out = new ArrayList<>();
    if (d.executions == 0 && d.nodes.isEmpty()) {
      return out;
    }
    Summary exec = Summary.ofSorted(d.executionDurations);
    bottleneck(d, ctx, out);
    variability(d, ctx, out);
    if (exec != null) {
      tail(d, exec, ctx, out);
      degradation(d, exec, ctx, out);
    }
    lowSuccess(d, ctx, out);
    recovery(d, ctx, out);
    resourceBound(d, ctx, out);
    return out;
  }

  private static void bottleneck(WorkflowData d, Context ctx, List<Insight> out) {
    if (d.totalStepMs <= 0) {
      return;
    }
    NodeData top = null;
    double topSum = 0;
    for (NodeData n : d.nodes.values()) {
      double sum = sum(n);
      if (top == null || sum > topSum) {
        top = n;
        topSum = sum;
      }
    }
    double share = topSum / d.totalStepMs;
    if (top == null || top.count < 20 || share < BOTTLENECK_SHARE) {
      return;
    }
    Summary s = top.summary();
    double perRun = d.executions > 0 ? topSum / d.executions : s.mean();
    out.add(
        insight(
            d,
            top.nodeId,
            InsightCategory.DOMINANT_BOTTLENECK,
            null,
            f(
                "%s takes %.0f %% of %s's step time",
                capitalized(named(top.nodeId)), share * 100, d.workflowId),
            f(
                "Over %,d runs in the last %s, %s%s took a median of %s and a p95 of"
                    + " %s: %.0f %% of all the workflow's step time, about %s per execution.",
                top.count,
                lastDays(ctx.days),
                step(top.nodeId),
                action(top),
                ms(s.median()),
                ms(s.p95()),
                share * 100,
                ms(perRun)),
            bottleneckAdvice(top),
            f(
                "halving it saves about %s per execution (%.0f %% of step time)",
                ms(perRun / 2), share * 50),
            share / 2,
            "impact = share / 2 = " + f("%.2f", share / 2) + " (halving the step)",
            "medianMs",
            s.median()));
  }

  private static void variability(WorkflowData d, Context ctx, List<Insight> out) {
    if (d.totalStepMs <= 0) {
      return;
    }
    for (NodeData n : d.orderedNodes()) {
      if (n.count < 30) {
        continue;
      }
      Summary s = n.summary();
      if (s == null || s.median() <= 0 || s.p95() / s.median() < VARIABILITY_RATIO) {
        continue;
      }
      double excess = 0;
      for (double x : n.sorted()) {
        excess += Math.max(0, x - s.median());
      }
      double impact = Math.min(1, excess / d.totalStepMs);
      out.add(
          insight(
              d,
              n.nodeId,
              InsightCategory.HIGH_VARIABILITY,
              null,
              f(
                  "%s is unpredictable: its p95 is %.1f× its median",
                  capitalized(named(n.nodeId)), s.p95() / s.median()),
              f(
                  "%s%s usually takes %s but one run in twenty takes over %s (stddev %s,"
                      + " %,d runs in the last %s).",
                  capitalized(step(n.nodeId)),
                  action(n),
                  ms(s.median()),
                  ms(s.p95()),
                  ms(s.stddev() == null ? 0 : s.stddev()),
                  n.count,
                  lastDays(ctx.days)),
              "Look for what it waits on — page loads, locks, a remote service, retries inside the"
                  + " step: replace fixed sleeps with explicit waits, add timeouts, cache lookups.",
              f(
                  "runs no slower than the median would save %.1f %% of the workflow's step time",
                  impact * 100),
              impact,
              f("impact = Σ(run − median)⁺ / all step time = %.2f", impact),
              "p95Ms",
              s.p95()));
    }
  }

  private static void tail(WorkflowData d, Summary exec, Context ctx, List<Insight> out) {
    if (exec.count() < 50 || exec.median() <= 0 || exec.p99() / exec.median() < TAIL_RATIO) {
      return;
    }
    double excess = 0;
    for (double x : d.executionDurations) {
      excess += Math.max(0, x - exec.p95());
    }
    double impact = exec.sum() > 0 ? Math.min(1, excess / exec.sum()) : 0;
    out.add(
        insight(
            d,
            null,
            InsightCategory.SLOW_TAIL,
            null,
            f("1 %% of %s's runs take %.1f× the median", d.workflowId, exec.p99() / exec.median()),
            f(
                "The median run takes %s, the p95 %s and the p99 %s (max %s) over %,d runs in the"
                    + " last %d days: a few runs are far slower than the rest.",
                ms(exec.median()),
                ms(exec.p95()),
                ms(exec.p99()),
                ms(exec.max()),
                exec.count(),
                ctx.days),
            f(
                "Look at the slowest runs for a common cause (rpa-insights anomalies --workflow %s"
                    + " --since %dd); give stuck steps a timeout and a retry.",
                d.workflowId, ctx.days),
            f("capping runs at the p95 would save %.1f %% of the workflow's time", impact * 100),
            impact,
            f("impact = Σ(run − p95)⁺ / Σ run = %.2f", impact),
            "p99Ms",
            exec.p99()));
  }

  private static void degradation(WorkflowData d, Summary exec, Context ctx, List<Insight> out) {
    if (ctx.days < 2) {
      return;
    }
    Duration current = Duration.ofDays(1);
    Duration baseline = Duration.ofDays(Math.min(7, ctx.days - 1));
    long now = ctx.nowMillis;
    long curFrom = now - current.toMillis();
    long baseFrom = curFrom - baseline.toMillis();
    DegradationQuery q = DegradationQuery.of(d.workflowId, baseline, current);
    for (NodeData n : d.orderedNodes()) {
      StepDegradation sd =
          DegradationDetector.judge(
              q,
              n.nodeId,
              n.actionType,
              n.completedBetween(baseFrom, curFrom),
              n.completedBetween(curFrom, now));
      if (!sd.degraded()) {
        continue;
      }
      double rise = sd.currentMedianMs() - sd.baselineMedianMs();
      double impact = exec.median() > 0 ? Math.min(1, rise / exec.median()) : 0;
      out.add(
          insight(
              d,
              n.nodeId,
              InsightCategory.DEGRADATION,
              null,
              sd.changePct() == null
                  // A rise from a median of 0, which has no percentage.
                  ? f(
                      "The median of %s rose from %s to %s in the last day",
                      named(n.nodeId), ms(sd.baselineMedianMs()), ms(sd.currentMedianMs()))
                  : f(
                      "%s got %.0f %% slower in the last day",
                      capitalized(named(n.nodeId)), sd.changePct()),
              f(
                  "%s%s: median %s over the last day against %s over the %d days before"
                      + " (%,d and %,d runs, one-sided Mann-Whitney %s).",
                  capitalized(step(n.nodeId)),
                  action(n),
                  ms(sd.currentMedianMs()),
                  ms(sd.baselineMedianMs()),
                  baseline.toDays(),
                  sd.currentCount(),
                  sd.baselineCount(),
                  DegradationDetector.formatP(sd.pValue())),
              n.nodeId == null
                  ? f(
                      "Find what changed when it started — a deployment, the target application's"
                          + " version, data volume: rpa-insights trend --workflow %s --bucket 1h"
                          + " shows when the workflow slowed (--node cannot name a step without"
                          + " a node id).",
                      d.workflowId)
                  : f(
                      "Find what changed when it started — a deployment, the target application's"
                          + " version, data volume: rpa-insights trend --workflow %s --node %s"
                          + " --bucket 1h shows when.",
                      d.workflowId, n.nodeId),
              f("going back to the old median saves %s per execution", ms(rise)),
              impact,
              f("impact = median rise / execution median = %.2f", impact),
              "medianMs",
              sd.currentMedianMs()));
    }
  }

  private static void lowSuccess(WorkflowData d, Context ctx, List<Insight> out) {
    if (d.executions < 20) {
      return;
    }
    double rate = (double) d.executionsSucceeded / d.executions;
    if (rate >= LOW_SUCCESS) {
      return;
    }
    NodeData worst = null;
    for (NodeData n : d.nodes.values()) {
      if (n.failed > 0 && (worst == null || n.failed > worst.failed)) {
        worst = n;
      }
    }
    long failed = d.executions - d.executionsSucceeded;
    String where =
        worst == null
            ? ""
            : f(
                "; most failures end in %s (%,d failed runs%s)",
                step(worst.nodeId),
                worst.failed,
                worst.topError() == null ? "" : ", mostly " + worst.topError());
    String advice =
        worst == null
            ? "Look at the failed runs' error types (rpa-insights success --by error --workflow "
                + d.workflowId
                + ") and handle the most frequent one."
            : f(
                "Handle %s at %s: add or change a self-healing strategy (wait-and-retry suits"
                    + " transient errors), or fix the cause; rpa-insights success --by error"
                    + " --workflow %s lists the rest.",
                worst.topError() == null ? "its failures" : worst.topError(),
                named(worst.nodeId),
                d.workflowId);
    double impact = 1 - rate;
    out.add(
        insight(
            d,
            worst == null ? null : worst.nodeId,
            InsightCategory.LOW_SUCCESS_RATE,
            null,
            f("%s succeeds in only %.1f %% of runs", d.workflowId, rate * 100),
            f(
                "%,d of %,d runs in the last %s failed or timed out%s.",
                failed, d.executions, lastDays(ctx.days), where),
            advice,
            f("up to %,d more successful runs (%.1f %% of runs)", failed, impact * 100),
            impact,
            f("impact = failed share = %.2f", impact),
            "successRate",
            rate));
  }

  private static void recovery(WorkflowData d, Context ctx, List<Insight> out) {
    if (d.executions == 0) {
      return;
    }
    for (StrategyData s : d.strategies.values()) {
      double rate = (double) s.succeeded / s.attempts;
      if (s.attempts < 10 || rate >= WEAK_RECOVERY) {
        continue;
      }
      String node = s.mainNode();
      String better = null;
      double betterRate = rate;
      for (Map.Entry<String, double[]> e : ctx.strategyRatesEverywhere.entrySet()) {
        double[] r = e.getValue(); // attempts, succeeded
        if (!e.getKey().equals(s.strategy) && r[0] >= 10 && r[1] / r[0] > betterRate + 0.2) {
          better = e.getKey();
          betterRate = r[1] / r[0];
        }
      }
      double impact = Math.min(1, (double) (s.attempts - s.succeeded) / d.executions);
      out.add(
          insight(
              d,
              node,
              InsightCategory.INEFFECTIVE_RECOVERY,
              s.strategy,
              f(
                  "Recovery %s rarely works in %s (%.0f %% of %,d attempts)",
                  strategy(s.strategy), d.workflowId, rate * 100, s.attempts),
              f(
                  "Self-healing strategy %s saved %,d of %,d failed steps in the last %s%s;"
                      + " the other attempts cost time and still failed.",
                  strategy(s.strategy),
                  s.succeeded,
                  s.attempts,
                  lastDays(ctx.days),
                  node == null ? "" : ", mostly at step '" + node + "'"),
              better == null
                  ? f(
                      "Replace %s%s with a strategy suited to the error, or remove it so the run fails fast.",
                      replaced(s.strategy), node == null ? "" : " at '" + node + "'")
                  : f(
                      "Replace %s%s with '%s', which works in %.0f %% of attempts across all"
                          + " workflows.",
                      replaced(s.strategy),
                      node == null ? "" : " at '" + node + "'",
                      better,
                      betterRate * 100),
              f(
                  "%,d failed recovery attempts avoided (%.1f per 100 runs)",
                  s.attempts - s.succeeded, 100.0 * (s.attempts - s.succeeded) / d.executions),
              impact,
              f("impact = failed attempts / runs = %.2f", impact),
              "recoverySuccessRate",
              rate));
    }
  }

  private static void resourceBound(WorkflowData d, Context ctx, List<Insight> out) {
    if (ctx.cpuPerMinute.isEmpty() || d.totalStepMs <= 0) {
      return;
    }
    for (NodeData n : d.orderedNodes()) {
      double[][] sample = cpuSample(n, ctx.cpuPerMinute, 5000);
      double[] xs = sample[0];
      double[] ys = sample[1];
      int m = xs.length;
      if (m < 50) {
        continue;
      }
      double rho = Spearman.rho(xs, ys);
      if (!(rho >= CPU_RHO)) {
        continue;
      }
      // t = ρ·√((m − 2)/(1 − ρ²)) grows without bound as ρ → 1, so a perfect ρ = 1 has p = 0 (its
      // limit), not a division by zero.
      double p =
          rho >= 1
              ? 0
              : 1
                  - new TDistribution(null, m - 2)
                      .cumulativeProbability(rho * Math.sqrt((m - 2) / (1 - rho * rho)));
      if (p >= 0.001) {
        continue;
      }
      double share = sum(n) / d.totalStepMs;
      double impact = Math.min(1, rho * rho * share);
      Summary s = n.summary();
      out.add(
          insight(
              d,
              n.nodeId,
              InsightCategory.RESOURCE_BOUND,
              null,
              f(
                  "%s slows down when the CPU is busy (Spearman ρ = %.2f)",
                  capitalized(named(n.nodeId)), rho),
              f(
                  "Over %,d runs with a CPU sample in the same minute, %s%s took longer the"
                      + " busier the host's CPU was (ρ = %.2f, %s); it is %.0f %% of the step time.",
                  m, step(n.nodeId), action(n), rho, DegradationDetector.formatP(p), share * 100),
              "Give the bot more CPU, run this work when the host is less loaded, or move it to a"
                  + " dedicated worker; check what else runs on the host meanwhile.",
              f("up to %.1f %% of the workflow's step time depends on CPU load", impact * 100),
              impact,
              f("impact = ρ² × share = %.2f", impact),
              "medianMs",
              s == null ? null : s.median()));
    }
  }

  /**
   * The completed runs of a step that have a CPU sample in their minute, as (duration, CPU) pairs:
   * all of them, or {@code limit} evenly spread over them in the order (duration, start) — an order
   * of values only, so the sample is the same however the runs were read.
   */
  static double[][] cpuSample(NodeData n, Map<Long, Double> cpuPerMinute, int limit) {
    List<double[]> durations = new ArrayList<>();
    List<long[]> starts = new ArrayList<>();
    int total = 0;
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    for (long minute : cpuPerMinute.keySet()) {
      from = Math.min(from, minute * 60_000L);
      to = Math.max(to, (minute + 1) * 60_000L);
    }
    for (RunGroup all : n.groups) {
      if (!all.completed() || from >= to) {
        continue;
      }
      // Only runs inside the span of the CPU samples can have one: cut first, by day.
      RunGroup g = all.startedBetween(from, to);
      double[] d = g.durations();
      long[] s = g.startedAt();
      double[] dk = new double[d.length];
      long[] sk = new long[d.length];
      int k = 0;
      for (int i = 0; i < d.length; i++) {
        if (!Double.isNaN(d[i]) && cpuPerMinute.containsKey(Math.floorDiv(s[i], 60_000L))) {
          dk[k] = d[i];
          sk[k] = s[i];
          k++;
        }
      }
      // Durations are ascending within a group; equal ones are put in start order.
      for (int i = 1; i < k; i++) {
        double dv = dk[i];
        long sv = sk[i];
        int j = i - 1;
        while (j >= 0 && dk[j] == dv && sk[j] > sv) {
          sk[j + 1] = sk[j];
          j--;
        }
        sk[j + 1] = sv;
      }
      durations.add(Arrays.copyOf(dk, k));
      starts.add(Arrays.copyOf(sk, k));
      total += k;
    }
    // Merge the groups by (duration, start).
    double[] md = new double[total];
    long[] ms = new long[total];
    int[] at = new int[durations.size()];
    for (int out = 0; out < total; out++) {
      int best = -1;
      for (int g = 0; g < at.length; g++) {
        if (at[g] >= durations.get(g).length) {
          continue;
        }
        if (best < 0) {
          best = g;
          continue;
        }
        double a = durations.get(g)[at[g]];
        double b = durations.get(best)[at[best]];
        if (a < b || (a == b && starts.get(g)[at[g]] < starts.get(best)[at[best]])) {
          best = g;
        }
      }
      md[out] = durations.get(best)[at[best]];
      ms[out] = starts.get(best)[at[best]];
      at[best]++;
    }
    // Index ⌊i · total / take⌋ spreads the sample over the whole order, longest runs included (an
    // integer stride ⌊total / limit⌋ would be 1 below 2 × limit and keep only the shortest runs).
    int take = Math.min(total, limit);
    double[] x = new double[take];
    double[] y = new double[take];
    for (int i = 0; i < take; i++) {
      int pick = (int) ((long) i * total / take);
      x[i] = md[pick];
      y[i] = cpuPerMinute.get(Math.floorDiv(ms[pick], 60_000L));
    }
    return new double[][] {x, y};
  }

  private static Insight insight(
      WorkflowData d,
      String nodeId,
      InsightCategory category,
      String subject,
      String title,
      String description,
      String recommendation,
      String expectedImpact,
      double impact,
      String impactReason,
      String metric,
      Double metricValue) {
    double clamped = Math.max(0, Math.min(1, impact));
    double priority = clamped * category.ease();
    return new Insight(
        InsightIds.of(d.workflowId, nodeId, category, subject),
        d.workflowId,
        nodeId,
        subject,
        category.id(),
        title,
        description,
        recommendation,
        expectedImpact,
        priority,
        clamped,
        category.ease(),
        f("priority %.3f = impact %.3f × ease %.1f; ", priority, clamped, category.ease())
            + impactReason
            + "; ease: "
            + category.easeReason(),
        metric,
        metricValue,
        "open",
        null);
  }

  private static String bottleneckAdvice(NodeData n) {
    String what =
        switch (n.actionType == null ? "" : n.actionType) {
          case "ocr" ->
              "Cache OCR results of documents seen before, crop to the fields needed, lower the"
                  + " resolution, or run OCR in parallel with the steps that do not need it.";
          case "http" ->
              "Batch or cache the calls, reuse connections, and check the remote service's own"
                  + " latency.";
          case "navigate" -> "Reuse an open session or window instead of navigating anew each run.";
          case "db" -> "Check the query plan and indexes; fetch only what the next steps need.";
          case "ml" -> "Batch inferences, cache results, or use a smaller model for easy cases.";
          default -> "Profile the step: cache, batch or parallelise its work.";
        };
    return what + " It is where the time goes, so every saving here counts most.";
  }

  private static double sum(NodeData n) {
    Summary s = n.summary();
    return s == null ? 0 : s.sum();
  }

  /**
   * A step as the texts name it: {@code 'ocr'}; a step whose rows have a NULL node id has no name
   * to quote, so it is "the step without a node id" (never {@code 'null'}, which is another step).
   */
  private static String named(String nodeId) {
    return nodeId == null ? WITHOUT_ID : "'" + nodeId + "'";
  }

  /**
   * A recovery strategy as the texts name it: {@code 'restart-app'}; attempts whose strategy is
   * NULL have no name to quote (and are apart from a strategy named, say, {@code '(unnamed)'}).
   */
  private static String strategy(String strategy) {
    return strategy == null ? "without a name" : "'" + strategy + "'";
  }

  /** The strategy as the object of "Replace …". */
  private static String replaced(String strategy) {
    return strategy == null ? "the strategy without a name" : "'" + strategy + "'";
  }

  /** {@code step 'ocr'}, or "the step without a node id". */
  private static String step(String nodeId) {
    return nodeId == null ? WITHOUT_ID : "step '" + nodeId + "'";
  }

  /** For a name at the start of a sentence. */
  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String action(NodeData n) {
    return n.actionType == null ? "" : " (" + n.actionType + ")";
  }

  private static String ms(double v) {
    return HumanDuration.format(v);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** "day" or "N days", for "in the last …". */
  private static String lastDays(int days) {
    return days == 1 ? "day" : days + " days";
  }
}
