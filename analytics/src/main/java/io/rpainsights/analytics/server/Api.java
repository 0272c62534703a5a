package io.rpainsights.analytics.server;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.anomaly.AnomalyQuery;
import io.rpainsights.analytics.engine.anomaly.Scale;
import io.rpainsights.analytics.engine.insight.Insight;
import io.rpainsights.analytics.engine.insight.InsightQuery;
import io.rpainsights.analytics.engine.perf.BottleneckQuery;
import io.rpainsights.analytics.engine.perf.DegradationQuery;
import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.engine.perf.StatsQuery;
import io.rpainsights.analytics.engine.perf.TrendQuery;
import io.rpainsights.analytics.engine.success.SuccessAnalyzer;
import io.rpainsights.analytics.engine.success.SuccessQuery;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.store.TimeSpec;
import java.util.List;
import java.util.Set;

/**
 * The JSON API (DESIGN.md, "HTTP"): each route takes the query parameters that its CLI command
 * takes as options (same names without the dashes, same defaults) and answers with the very records
 * the CLI prints with {@code --format json}.
 */
final class Api {
  /** The analyses under {@code /api/workflows/{id}/}. */
  static final Set<String> WORKFLOW_ROUTES =
      Set.of("stats", "bottlenecks", "degradation", "trend", "success", "insights");

  private final Analytics analytics;
  private final HeadlineCache headlines;

  Api(Analytics analytics, HeadlineCache headlines) {
    this.analytics = analytics;
    this.headlines = headlines;
  }

  /** {@code GET /api/workflows}: per workflow, the figures of {@code stats} (default 7 days). */
  Object workflows(QueryParams p) {
    p.allowOnly("since", "until");
    if (HeadlineCache.isDefault(p.text("since"), p.text("until"))) {
      return headlines.get();
    }
    return analytics.stats().stats(new StatsQuery(null, window(p, "7d"), GroupBy.WORKFLOW, null));
  }

  /** What the dashboard says about the store itself. */
  record StoreInfo(boolean synthetic) {}

  /** {@code GET /api/store}: whether the store holds synthetic data (written by generate). */
  Object store(QueryParams p) {
    p.allowOnly();
    return new StoreInfo(analytics.state().isSynthetic());
  }

  /** {@code GET /api/workflows/{id}/{what}}. */
  Object workflow(String id, String what, QueryParams p) {
    if (!WORKFLOW_ROUTES.contains(what)) {
      throw HttpError.notFound("no such route: /api/workflows/{id}/" + what);
    }
    requireWorkflow(id);
    return switch (what) {
      case "stats" -> stats(id, p);
      case "bottlenecks" -> bottlenecks(id, p);
      case "degradation" -> degradation(id, p);
      case "trend" -> trend(id, p);
      case "success" -> success(id, p);
      default -> insights(id, p);
    };
  }

  private Object stats(String id, QueryParams p) {
    p.allowOnly("since", "until", "by", "status");
    GroupBy by = GroupBy.parse(p.choice("by", "workflow", "workflow", "step", "action", "host"));
    String status = p.choice("status", null, "success", "failed", "timeout", "recovered");
    return analytics.stats().stats(new StatsQuery(id, window(p, "7d"), by, status));
  }

  private Object bottlenecks(String id, QueryParams p) {
    p.allowOnly("since", "until", "top");
    int top = p.integer("top", 5, 1, 10_000);
    return analytics.bottlenecks().bottlenecks(new BottleneckQuery(id, window(p, "7d"), top));
  }

  private Object degradation(String id, QueryParams p) {
    p.allowOnly("baseline", "current", "alpha", "min-change", "min-delta-ms", "min-samples");
    return analytics
        .degradation()
        .degradation(
            new DegradationQuery(
                id,
                p.duration("baseline", "7d"),
                p.duration("current", "1d"),
                p.decimal("alpha", 0.01, 0, true, 0.5),
                p.decimal("min-change", 20, 0, false, 1_000_000),
                p.decimal("min-delta-ms", 1, 0, false, 1e9),
                p.integer("min-samples", 5, 2, 1_000_000)));
  }

  private Object trend(String id, QueryParams p) {
    p.allowOnly("since", "until", "bucket", "node");
    return analytics
        .trend()
        .trend(new TrendQuery(id, p.text("node"), window(p, "7d"), p.duration("bucket", "1h")));
  }

  private Object success(String id, QueryParams p) {
    p.allowOnly("since", "until", "by", "bucket");
    String by = p.choice("by", "workflow", "workflow", "step", "error", "strategy", "time");
    SuccessQuery q = new SuccessQuery(id, window(p, "7d"), p.duration("bucket", "1d"));
    SuccessAnalyzer s = analytics.success();
    return switch (by) {
      case "workflow" -> s.byWorkflow(q);
      case "step" -> s.byStep(q);
      case "error" -> s.byError(q);
      case "strategy" -> s.byStrategy(q);
      default -> s.overTime(q);
    };
  }

  private Object insights(String id, QueryParams p) {
    p.allowOnly("days", "top");
    int days = p.integer("days", 30, 1, 3650);
    int top = p.integer("top", 0, 0, 10_000);
    List<Insight> insights = analytics.insights().insights(new InsightQuery(id, days));
    return top > 0 && insights.size() > top ? insights.subList(0, top) : insights;
  }

  /** {@code GET /api/anomalies}: the options of the {@code anomalies} command. */
  Object anomalies(QueryParams p) {
    p.allowOnly("workflow", "since", "until", "sensitivity", "baseline", "escalate-after", "scale");
    String workflow = p.text("workflow");
    if (workflow != null) {
      requireWorkflow(workflow);
    }
    return analytics
        .anomalies()
        .anomalies(
            new AnomalyQuery(
                workflow,
                window(p, "1h"),
                p.decimal("sensitivity", 2.0, 0, true, 100),
                Scale.parse(p.choice("scale", "log", "log", "linear")),
                p.duration("baseline", "7d"),
                p.integer("escalate-after", 3, 1, 1000),
                null));
  }

  /** {@code GET /api/live}: running executions with progress and ETA. */
  Object live(QueryParams p) {
    p.allowOnly();
    return analytics.live().running();
  }

  private static TimeRange window(QueryParams p, String defaultSince) {
    TimeSpec until = p.time("until", null);
    return new TimeRange(p.time("since", defaultSince), until == null ? TimeSpec.now() : until);
  }

  private void requireWorkflow(String id) {
    try {
      analytics.reader().requireWorkflow(id);
    } catch (InvalidInputException e) {
      throw HttpError.notFound(e.getMessage());
    }
  }
}
