package io.rpainsights.bench.analytics;

import io.rpainsights.bench.analytics.AnalyticsBench.Result;
import io.rpainsights.bench.analytics.AnalyticsBench.Row;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as a Markdown table (for BENCHMARKS.md) and as JSON (for tools). */
final class Report {
  private Report() {}

  static String markdown(Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| question | target | measured (median) | floor: JDBC reads its rows | ratio to floor"
            + " | from the rows, rollup off | after an agent commit | first call (rolls up) |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    for (Row row : r.rows()) {
      double m = row.median();
      double f = row.floorMedian();
      sb.append("| ")
          .append(row.name())
          .append(" | ")
          .append(row.targetMs() > 0 ? "≤ " + ms(row.targetMs()) : "—")
          .append(" | **")
          .append(ms(m))
          .append("** ")
          .append(range(row.times()))
          .append(row.targetMs() > 0 ? (m <= row.targetMs() ? " ✓" : " ✗") : "")
          .append(" | ")
          .append(ms(f))
          .append(String.format(Locale.ROOT, " (%,d rows)", row.floorRows()))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", m / f))
          .append(" | ")
          .append(row.fromRows().isEmpty() ? "—" : ms(Stats.median(row.fromRows())))
          .append(" | ")
          .append(row.afterCommit().isEmpty() ? "—" : ms(Stats.median(row.afterCommit())))
          .append(" | ")
          .append(ms(row.firstMs()))
          .append(" |\n");
    }
    sb.append('\n');
    for (Map.Entry<String, String> e : r.facts().entrySet()) {
      sb.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    sb.append("- load average at end: ").append(Machine.loadAverage()).append('\n');
    return sb.toString();
  }

  static String json(Result r) {
    StringBuilder sb = new StringBuilder("{\n  \"facts\": {");
    int i = 0;
    for (Map.Entry<String, String> e : r.facts().entrySet()) {
      sb.append(i++ > 0 ? "," : "")
          .append("\n    ")
          .append(quote(e.getKey()))
          .append(": ")
          .append(quote(e.getValue()));
    }
    sb.append("\n  },\n  \"rows\": [");
    i = 0;
    for (Row row : r.rows()) {
      sb.append(i++ > 0 ? "," : "")
          .append("\n    {\"name\": ")
          .append(quote(row.name()))
          .append(", \"targetMs\": ")
          .append(num(row.targetMs()))
          .append(", \"medianMs\": ")
          .append(num(row.median()))
          .append(", \"floorMedianMs\": ")
          .append(num(row.floorMedian()))
          .append(", \"floorRows\": ")
          .append(row.floorRows())
          .append(", \"firstMs\": ")
          .append(num(row.firstMs()))
          .append(", \"timesMs\": ")
          .append(list(row.times()))
          .append(", \"floorsMs\": ")
          .append(list(row.floors()))
          .append(", \"fromRowsMs\": ")
          .append(list(row.fromRows()))
          .append(", \"afterCommitMs\": ")
          .append(list(row.afterCommit()))
          .append('}');
    }
    return sb.append("\n  ]\n}\n").toString();
  }

  private static String ms(double v) {
    if (Double.isNaN(v)) {
      return "—";
    }
    return v >= 100
        ? String.format(Locale.ROOT, "%,.0f ms", v)
        : String.format(Locale.ROOT, "%.1f ms", v);
  }

  private static String range(List<Double> v) {
    return v.size() < 2
        ? ""
        : "(" + ms(Stats.min(v)).replace(" ms", "") + "–" + ms(Stats.max(v)) + ")";
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String list(List<Double> v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(num(v.get(i)));
    }
    return sb.append(']').toString();
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
