package io.rpainsights.analytics.report;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * Renders rows as RFC 4180 CSV: a header of the columns' keys (the JSON field names), raw values
 * (durations in ms, ratios 0..1, times ISO-8601), fields quoted only when needed.
 */
public final class CsvTable {
  private CsvTable() {}

  public static <T> void render(List<Column<T>> columns, List<T> rows, PrintWriter out) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(escape(columns.get(i).key()));
    }
    sb.append("\r\n");
    for (T row : rows) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(escape(raw(columns.get(i).value().apply(row))));
      }
      sb.append("\r\n");
    }
    out.print(sb);
    out.flush();
  }

  /** The raw text of a value: empty for null, ISO-8601 for instants, plain numbers. */
  public static String raw(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Measure m) {
      return raw(m.value());
    }
    if (value instanceof Double d) {
      if (d.isNaN()) {
        return "";
      }
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }
    if (value instanceof Instant t) {
      return t.toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder();
      for (Object o : list) {
        if (sb.length() > 0) {
          sb.append("; ");
        }
        sb.append(o);
      }
      return sb.toString();
    }
    return value.toString();
  }

  /** Quotes a field when it holds a comma, quote, or line break (RFC 4180). */
  public static String escape(String field) {
    if (field.indexOf(',') < 0
        && field.indexOf('"') < 0
        && field.indexOf('\n') < 0
        && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
