package io.rpainsights.analytics.report;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * Renders rows as RFC 4180 CSV: a header of the columns' keys (the JSON field names), raw values
 * (durations in ms, ratios 0..1, times ISO-8601), fields quoted only when needed. Text that a
 * spreadsheet would run as a formula is neutralised (see {@link #field}).
 */
public final class CsvTable {
  private CsvTable() {}

  public static <T> void render(List<Column<T>> columns, List<T> rows, PrintWriter out) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(field(columns.get(i).key()));
    }
    sb.append("\r\n");
    for (T row : rows) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(field(columns.get(i).value().apply(row)));
      }
      sb.append("\r\n");
    }
    out.print(sb);
    out.flush();
  }

  /**
   * The CSV field of a value. Ids, error types and the like come from the monitored bots, so text
   * that starts with = + - @, a tab or a carriage return gets a leading ' and a spreadsheet shows
   * it instead of running it as a formula (OWASP, "CSV Injection"). Numbers, booleans and times are
   * the tool's own and stay as they are: a negative number must still read as a number.
   */
  static String field(Object value) {
    String raw = raw(value);
    return escape(isText(value) && startsLikeAFormula(raw) ? "'" + raw : raw);
  }

  private static boolean isText(Object value) {
    Object v = value instanceof Measure m ? m.value() : value;
    return !(v instanceof Number || v instanceof Boolean || v instanceof Instant);
  }

  private static boolean startsLikeAFormula(String text) {
    return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
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
