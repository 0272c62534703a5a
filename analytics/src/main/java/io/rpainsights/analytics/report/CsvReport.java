package io.rpainsights.analytics.report;

import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.engine.perf.StatsRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV report: several tables in one file. Each section starts with a line {@code # name}, then
 * a header of JSON field names and RFC 4180 rows, then an empty line; raw values (ms, 0..1,
 * ISO-8601). Sections: summary, stats, steps, bottlenecks, degradation, trend, success, strategies,
 * anomalies, insights. To load one into pandas, read the lines between its marker and the next
 * empty line.
 */
public final class CsvReport {
  private CsvReport() {}

  public static String render(ReportData r) {
    StringWriter buffer = new StringWriter();
    PrintWriter out = new PrintWriter(buffer);
    out.print("# summary\r\n");
    CsvTable.render(
        List.of(
            Column.of("generatedAt", "", Kind.TIME, (ReportData d) -> d.generatedAt()),
            Column.of("store", "", Kind.TEXT, ReportData::store),
            Column.of("synthetic", "", Kind.BOOLEAN, ReportData::synthetic),
            Column.of("since", "", Kind.TIME, ReportData::since),
            Column.of("until", "", Kind.TIME, ReportData::until),
            Column.of("workflows", "", Kind.COUNT, d -> d.summary().workflows()),
            Column.of("executions", "", Kind.COUNT, d -> d.summary().executions()),
            Column.of("successRate", "", Kind.RATIO, d -> d.summary().successRate()),
            Column.of(
                "stepsSavedBySelfHealing",
                "",
                Kind.COUNT,
                d -> d.summary().stepsSavedBySelfHealing()),
            Column.of("degradedSteps", "", Kind.COUNT, d -> d.summary().degradedSteps()),
            Column.of("anomalies", "", Kind.COUNT, d -> d.summary().anomalies()),
            Column.of("insights", "", Kind.COUNT, d -> d.summary().insights()),
            Column.of("running", "", Kind.COUNT, d -> d.summary().running())),
        List.of(r),
        out);
    List<StatsRow> stats = new ArrayList<>();
    List<StatsRow> steps = new ArrayList<>();
    List<io.rpainsights.analytics.engine.perf.Bottleneck> bottlenecks = new ArrayList<>();
    List<io.rpainsights.analytics.engine.perf.StepDegradation> degradation = new ArrayList<>();
    List<Object[]> trend = new ArrayList<>();
    List<Object[]> success = new ArrayList<>();
    for (ReportData.WorkflowReport w : r.workflows()) {
      if (w.stats() != null) {
        stats.add(w.stats());
      }
      steps.addAll(w.steps());
      bottlenecks.addAll(w.bottlenecks());
      degradation.addAll(w.degradation());
      w.trend().forEach(p -> trend.add(new Object[] {w.workflowId(), p}));
      w.successOverTime().forEach(p -> success.add(new Object[] {w.workflowId(), p}));
    }
    section(out, "stats", Views.stats(GroupBy.WORKFLOW), stats);
    section(out, "steps", Views.stats(GroupBy.STEP), steps);
    section(out, "bottlenecks", Views.bottlenecks(), bottlenecks);
    section(out, "degradation", Views.degradation(), degradation);
    section(out, "trend", withWorkflow(Views.trend()), trend);
    section(out, "success", withWorkflow(Views.successOverTime()), success);
    section(out, "strategies", Views.successByStrategy(), r.strategies());
    section(out, "anomalies", Views.anomalies(), r.anomalies());
    section(out, "insights", Views.insights(), r.insights());
    out.flush();
    return buffer.toString();
  }

  private static <T> void section(
      PrintWriter out, String name, List<Column<T>> columns, List<T> rows) {
    out.print("\r\n# " + name + "\r\n");
    CsvTable.render(columns, rows, out);
  }

  /** Prefixes per-workflow time series with their workflow. */
  @SuppressWarnings("unchecked")
  private static <T> List<Column<Object[]>> withWorkflow(List<Column<T>> columns) {
    List<Column<Object[]>> result = new ArrayList<>();
    result.add(Column.of("workflowId", "Workflow", Kind.TEXT, (Object[] row) -> row[0]));
    for (Column<T> c : columns) {
      result.add(
          Column.of(c.key(), c.header(), c.kind(), (Object[] row) -> c.value().apply((T) row[1])));
    }
    return result;
  }
}
