package io.rpainsights.analytics.report;

import io.rpainsights.analytics.engine.anomaly.Anomaly;
import io.rpainsights.analytics.engine.insight.Insight;
import io.rpainsights.analytics.engine.live.LiveExecution;
import io.rpainsights.analytics.engine.perf.Bottleneck;
import io.rpainsights.analytics.engine.perf.Comparison;
import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.engine.perf.StatsRow;
import io.rpainsights.analytics.engine.perf.StepDegradation;
import io.rpainsights.analytics.engine.perf.TrendPoint;
import io.rpainsights.analytics.engine.success.ErrorSuccess;
import io.rpainsights.analytics.engine.success.StepSuccess;
import io.rpainsights.analytics.engine.success.StrategySuccess;
import io.rpainsights.analytics.engine.success.SuccessPoint;
import io.rpainsights.analytics.engine.success.WorkflowSuccess;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The tabular views of the engine's records: the columns of text tables, CSV and HTML tables. Keys
 * are the records' JSON field names, so a CSV header reads like the JSON.
 */
public final class Views {
  private Views() {}

  /** Columns of {@code stats}, by grouping. */
  public static List<Column<StatsRow>> stats(GroupBy by) {
    List<Column<StatsRow>> c = new ArrayList<>();
    c.add(Column.of("workflowId", "Workflow", Kind.TEXT, StatsRow::workflowId));
    switch (by) {
      case STEP -> {
        c.add(Column.of("nodeId", "Step", Kind.TEXT, StatsRow::nodeId));
        c.add(Column.of("actionType", "Action", Kind.TEXT, StatsRow::actionType));
      }
      case ACTION -> c.add(Column.of("actionType", "Action", Kind.TEXT, StatsRow::actionType));
      case HOST -> c.add(Column.of("host", "Host", Kind.TEXT, StatsRow::host));
      case WORKFLOW -> {
        // Workflow alone.
      }
    }
    c.add(Column.of("count", "Count", Kind.COUNT, StatsRow::count));
    c.add(Column.of("successRate", "Success", Kind.RATIO, StatsRow::successRate));
    c.add(Column.of("avgMs", "Avg", Kind.DURATION_MS, StatsRow::avgMs));
    c.add(Column.of("medianMs", "Median", Kind.DURATION_MS, StatsRow::medianMs));
    c.add(Column.of("p95Ms", "p95", Kind.DURATION_MS, StatsRow::p95Ms));
    c.add(Column.of("p99Ms", "p99", Kind.DURATION_MS, StatsRow::p99Ms));
    c.add(Column.of("minMs", "Min", Kind.DURATION_MS, StatsRow::minMs));
    c.add(Column.of("maxMs", "Max", Kind.DURATION_MS, StatsRow::maxMs));
    c.add(Column.of("stddevMs", "Stddev", Kind.DURATION_MS, StatsRow::stddevMs));
    return c;
  }

  /** Columns of {@code bottlenecks}. */
  public static List<Column<Bottleneck>> bottlenecks() {
    return List.of(
        Column.of("rank", "#", Kind.COUNT, Bottleneck::rank),
        Column.of("nodeId", "Step", Kind.TEXT, Bottleneck::nodeId),
        Column.of("actionType", "Action", Kind.TEXT, Bottleneck::actionType),
        Column.of("share", "Share", Kind.RATIO, Bottleneck::share),
        Column.of("perExecutionMs", "Per run", Kind.DURATION_MS, Bottleneck::perExecutionMs),
        Column.of("count", "Count", Kind.COUNT, Bottleneck::count),
        Column.of("totalMs", "Total", Kind.DURATION_MS, Bottleneck::totalMs),
        Column.of("avgMs", "Avg", Kind.DURATION_MS, Bottleneck::avgMs),
        Column.of("medianMs", "Median", Kind.DURATION_MS, Bottleneck::medianMs),
        Column.of("p95Ms", "p95", Kind.DURATION_MS, Bottleneck::p95Ms),
        Column.of("workflowId", "Workflow", Kind.TEXT, Bottleneck::workflowId));
  }

  /** Columns of {@code degradation}. */
  public static List<Column<StepDegradation>> degradation() {
    return List.of(
        Column.of("nodeId", "Step", Kind.TEXT, StepDegradation::nodeId),
        Column.of("actionType", "Action", Kind.TEXT, StepDegradation::actionType),
        Column.of(
            "baselineMedianMs", "Baseline", Kind.DURATION_MS, StepDegradation::baselineMedianMs),
        Column.of("currentMedianMs", "Current", Kind.DURATION_MS, StepDegradation::currentMedianMs),
        Column.of("changePct", "Change", Kind.PERCENT, StepDegradation::changePct),
        Column.of("pValue", "p", Kind.NUMBER, StepDegradation::pValue),
        Column.of("degraded", "Degraded", Kind.BOOLEAN, StepDegradation::degraded),
        Column.of("baselineCount", "Runs (base)", Kind.COUNT, StepDegradation::baselineCount),
        Column.of("currentCount", "Runs (cur)", Kind.COUNT, StepDegradation::currentCount),
        Column.of("verdict", "Verdict", Kind.TEXT, StepDegradation::verdict),
        Column.of("workflowId", "Workflow", Kind.TEXT, StepDegradation::workflowId));
  }

  /** Columns of {@code trend}. */
  public static List<Column<TrendPoint>> trend() {
    return List.of(
        Column.of("bucketStart", "Bucket", Kind.TIME, TrendPoint::bucketStart),
        Column.of("count", "Count", Kind.COUNT, TrendPoint::count),
        Column.of("successRate", "Success", Kind.RATIO, TrendPoint::successRate),
        Column.of("avgMs", "Avg", Kind.DURATION_MS, TrendPoint::avgMs),
        Column.of("medianMs", "Median", Kind.DURATION_MS, TrendPoint::medianMs),
        Column.of("p95Ms", "p95", Kind.DURATION_MS, TrendPoint::p95Ms),
        Column.of("p99Ms", "p99", Kind.DURATION_MS, TrendPoint::p99Ms),
        Column.of("maxMs", "Max", Kind.DURATION_MS, TrendPoint::maxMs));
  }

  /** One metric of a comparison, A against B. */
  public record ComparisonLine(String metric, Measure a, Measure b, Measure change) {}

  /** A comparison as metric lines (the table and CSV forms; JSON is the record itself). */
  public static List<ComparisonLine> comparisonLines(Comparison c) {
    List<ComparisonLine> lines = new ArrayList<>();
    lines.add(line("count", Kind.COUNT, c, StatsRow::count, null));
    lines.add(
        line(
            "successRate",
            Kind.RATIO,
            c,
            StatsRow::successRate,
            new Measure(Kind.RATIO, c.successRateChange())));
    lines.add(line("avgMs", Kind.DURATION_MS, c, StatsRow::avgMs, null));
    lines.add(
        line(
            "medianMs",
            Kind.DURATION_MS,
            c,
            StatsRow::medianMs,
            new Measure(Kind.PERCENT, c.medianChangePct())));
    lines.add(
        line(
            "p95Ms",
            Kind.DURATION_MS,
            c,
            StatsRow::p95Ms,
            new Measure(Kind.PERCENT, c.p95ChangePct())));
    lines.add(line("p99Ms", Kind.DURATION_MS, c, StatsRow::p99Ms, null));
    lines.add(line("maxMs", Kind.DURATION_MS, c, StatsRow::maxMs, null));
    lines.add(line("stddevMs", Kind.DURATION_MS, c, StatsRow::stddevMs, null));
    lines.add(
        new ComparisonLine(
            "pValue",
            new Measure(Kind.NUMBER, null),
            new Measure(Kind.NUMBER, null),
            new Measure(Kind.NUMBER, c.pValue())));
    return lines;
  }

  private static ComparisonLine line(
      String metric, Kind kind, Comparison c, Function<StatsRow, ?> get, Measure change) {
    return new ComparisonLine(
        metric,
        new Measure(kind, c.a() == null ? null : get.apply(c.a())),
        new Measure(kind, c.b() == null ? null : get.apply(c.b())),
        change == null ? new Measure(Kind.NUMBER, null) : change);
  }

  /** Columns of {@code compare}'s metric lines, headed by the two workflows. */
  public static List<Column<ComparisonLine>> comparison(Comparison c) {
    return List.of(
        Column.of("metric", "Metric", Kind.TEXT, ComparisonLine::metric),
        Column.of(c.workflowA(), c.workflowA(), Kind.NUMBER, ComparisonLine::a),
        Column.of(c.workflowB(), c.workflowB(), Kind.NUMBER, ComparisonLine::b),
        Column.of("change", "B vs A", Kind.NUMBER, ComparisonLine::change));
  }

  /** Columns of {@code success} per workflow. */
  public static List<Column<WorkflowSuccess>> successByWorkflow() {
    return List.of(
        Column.of("workflowId", "Workflow", Kind.TEXT, WorkflowSuccess::workflowId),
        Column.of("executions", "Runs", Kind.COUNT, WorkflowSuccess::executions),
        Column.of("successRate", "Success", Kind.RATIO, WorkflowSuccess::successRate),
        Column.of("succeeded", "OK", Kind.COUNT, WorkflowSuccess::succeeded),
        Column.of("failed", "Failed", Kind.COUNT, WorkflowSuccess::failed),
        Column.of("timedOut", "Timeout", Kind.COUNT, WorkflowSuccess::timedOut),
        Column.of("steps", "Steps", Kind.COUNT, WorkflowSuccess::steps),
        Column.of("stepSuccessRate", "Step success", Kind.RATIO, WorkflowSuccess::stepSuccessRate),
        Column.of("stepsFailed", "Steps failed", Kind.COUNT, WorkflowSuccess::stepsFailed),
        Column.of(
            "stepsSavedBySelfHealing",
            "Steps healed",
            Kind.COUNT,
            WorkflowSuccess::stepsSavedBySelfHealing),
        Column.of("recoveryAttempts", "Recoveries", Kind.COUNT, WorkflowSuccess::recoveryAttempts),
        Column.of(
            "recoveriesSucceeded", "Worked", Kind.COUNT, WorkflowSuccess::recoveriesSucceeded),
        Column.of(
            "recoverySuccessRate",
            "Recovery rate",
            Kind.RATIO,
            WorkflowSuccess::recoverySuccessRate),
        Column.of(
            "executionsSavedBySelfHealing",
            "Runs saved",
            Kind.COUNT,
            WorkflowSuccess::executionsSavedBySelfHealing));
  }

  /** Columns of {@code success --by step}. */
  public static List<Column<StepSuccess>> successByStep() {
    return List.of(
        Column.of("workflowId", "Workflow", Kind.TEXT, StepSuccess::workflowId),
        Column.of("nodeId", "Step", Kind.TEXT, StepSuccess::nodeId),
        Column.of("actionType", "Action", Kind.TEXT, StepSuccess::actionType),
        Column.of("runs", "Runs", Kind.COUNT, StepSuccess::runs),
        Column.of("successRate", "Success", Kind.RATIO, StepSuccess::successRate),
        Column.of("firstTimeRate", "First time", Kind.RATIO, StepSuccess::firstTimeRate),
        Column.of("succeeded", "OK", Kind.COUNT, StepSuccess::succeeded),
        Column.of("recovered", "Healed", Kind.COUNT, StepSuccess::recovered),
        Column.of("failed", "Failed", Kind.COUNT, StepSuccess::failed),
        Column.of("recoveryRate", "Healed rate", Kind.RATIO, StepSuccess::recoveryRate));
  }

  /** Columns of {@code success --by error}. */
  public static List<Column<ErrorSuccess>> successByError() {
    return List.of(
        Column.of("workflowId", "Workflow", Kind.TEXT, ErrorSuccess::workflowId),
        Column.of("errorType", "Error", Kind.TEXT, ErrorSuccess::errorType),
        Column.of("stepErrors", "Step errors", Kind.COUNT, ErrorSuccess::stepErrors),
        Column.of("share", "Share", Kind.RATIO, ErrorSuccess::share),
        Column.of("recovered", "Healed", Kind.COUNT, ErrorSuccess::recovered),
        Column.of("unrecovered", "Not healed", Kind.COUNT, ErrorSuccess::unrecovered),
        Column.of("recoveryRate", "Healed rate", Kind.RATIO, ErrorSuccess::recoveryRate),
        Column.of("executionFailures", "Runs failed", Kind.COUNT, ErrorSuccess::executionFailures));
  }

  /** Columns of {@code success --by strategy}. */
  public static List<Column<StrategySuccess>> successByStrategy() {
    return List.of(
        Column.of("strategy", "Strategy", Kind.TEXT, StrategySuccess::strategy),
        Column.of("attempts", "Attempts", Kind.COUNT, StrategySuccess::attempts),
        Column.of("succeeded", "Worked", Kind.COUNT, StrategySuccess::succeeded),
        Column.of("successRate", "Success", Kind.RATIO, StrategySuccess::successRate),
        Column.of("avgMs", "Avg", Kind.DURATION_MS, StrategySuccess::avgMs),
        Column.of("medianMs", "Median", Kind.DURATION_MS, StrategySuccess::medianMs),
        Column.of("workflows", "Workflows", Kind.COUNT, StrategySuccess::workflows));
  }

  /** Columns of {@code success --by time}. */
  public static List<Column<SuccessPoint>> successOverTime() {
    return List.of(
        Column.of("bucketStart", "Bucket", Kind.TIME, SuccessPoint::bucketStart),
        Column.of("executions", "Runs", Kind.COUNT, SuccessPoint::executions),
        Column.of("successRate", "Success", Kind.RATIO, SuccessPoint::successRate),
        Column.of(
            "stepsSavedBySelfHealing",
            "Steps healed",
            Kind.COUNT,
            SuccessPoint::stepsSavedBySelfHealing),
        Column.of("recoveryAttempts", "Recoveries", Kind.COUNT, SuccessPoint::recoveryAttempts),
        Column.of(
            "recoverySuccessRate", "Recovery rate", Kind.RATIO, SuccessPoint::recoverySuccessRate));
  }

  /** Columns of {@code live}. */
  public static List<Column<LiveExecution>> live() {
    return List.of(
        Column.of("executionId", "Execution", Kind.TEXT, LiveExecution::executionId),
        Column.of("workflowId", "Workflow", Kind.TEXT, LiveExecution::workflowId),
        Column.of("startedAt", "Started", Kind.TIME, LiveExecution::startedAt),
        Column.of("elapsedMs", "Elapsed", Kind.DURATION_MS, LiveExecution::elapsedMs),
        Column.of("stepsDone", "Done", Kind.COUNT, LiveExecution::stepsDone),
        Column.of("stepsTotal", "Total", Kind.COUNT, LiveExecution::stepsTotal),
        Column.of("progressPct", "Progress", Kind.PERCENT, LiveExecution::progressPct),
        Column.of("etaAt", "ETA", Kind.TIME, LiveExecution::etaAt),
        Column.of("etaLowAt", "ETA p25", Kind.TIME, LiveExecution::etaLowAt),
        Column.of("etaHighAt", "ETA p75", Kind.TIME, LiveExecution::etaHighAt),
        Column.of("host", "Host", Kind.TEXT, LiveExecution::host),
        Column.of("basis", "Basis", Kind.TEXT, LiveExecution::basis));
  }

  /** Columns of {@code anomalies}. */
  public static List<Column<Anomaly>> anomalies() {
    return List.of(
        Column.of("startedAt", "Started", Kind.TIME, Anomaly::startedAt),
        Column.of("workflowId", "Workflow", Kind.TEXT, Anomaly::workflowId),
        Column.of("nodeId", "Step", Kind.TEXT, Anomaly::nodeId),
        Column.of("executionId", "Execution", Kind.TEXT, Anomaly::executionId),
        Column.of("metric", "Metric", Kind.TEXT, Anomaly::metric),
        Column.of("value", "Value", Kind.DURATION_MS, Anomaly::value),
        Column.of("expected", "Expected", Kind.DURATION_MS, Anomaly::expected),
        Column.of("zScore", "z", Kind.NUMBER, Anomaly::zScore),
        Column.of("severity", "Severity", Kind.NUMBER, Anomaly::severity),
        Column.of("threshold", "Threshold", Kind.NUMBER, Anomaly::threshold),
        Column.of("consecutive", "In a row", Kind.COUNT, Anomaly::consecutive),
        Column.of("escalated", "Escalated", Kind.BOOLEAN, Anomaly::escalated),
        Column.of("incidentId", "Incident", Kind.TEXT, Anomaly::incidentId),
        Column.of("context", "Context", Kind.TEXT, Anomaly::context),
        Column.of("description", "Description", Kind.TEXT, Anomaly::description));
  }

  /** Columns of {@code insights}. */
  public static List<Column<Insight>> insights() {
    return List.of(
        Column.of("id", "Id", Kind.TEXT, Insight::id),
        Column.of("priority", "Priority", Kind.NUMBER, Insight::priority),
        Column.of("workflowId", "Workflow", Kind.TEXT, Insight::workflowId),
        Column.of("nodeId", "Step", Kind.TEXT, Insight::nodeId),
        Column.of("category", "Category", Kind.TEXT, Insight::category),
        Column.of("title", "Title", Kind.TEXT, Insight::title),
        Column.of("status", "Status", Kind.TEXT, Insight::status),
        Column.of("subject", "Subject", Kind.TEXT, Insight::subject),
        Column.of("description", "Description", Kind.TEXT, Insight::description),
        Column.of("recommendation", "Recommendation", Kind.TEXT, Insight::recommendation),
        Column.of("expectedImpact", "Expected impact", Kind.TEXT, Insight::expectedImpact),
        Column.of("impact", "Impact", Kind.NUMBER, Insight::impact),
        Column.of("ease", "Ease", Kind.NUMBER, Insight::ease),
        Column.of("priorityReason", "Why this priority", Kind.TEXT, Insight::priorityReason),
        Column.of("metric", "Metric", Kind.TEXT, Insight::metric),
        Column.of("metricValue", "Value", Kind.NUMBER, Insight::metricValue),
        Column.of(
            "measuredVerdict",
            "Measured",
            Kind.TEXT,
            i -> i.measuredImpact() == null ? null : i.measuredImpact().verdict()),
        Column.of(
            "measuredChangePct",
            "Measured change",
            Kind.PERCENT,
            i -> i.measuredImpact() == null ? null : i.measuredImpact().changePct()));
  }
}
