package io.rpainsights.analytics.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Renders rows as an aligned text table: text left-aligned, numbers right-aligned. */
public final class TextTable {
  private static final int MAX_CELL = 60;

  private TextTable() {}

  public static <T> void render(List<Column<T>> columns, List<T> rows, PrintWriter out) {
    int n = columns.size();
    List<String[]> cells = new ArrayList<>(rows.size());
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      widths[i] = columns.get(i).header().length();
    }
    for (T row : rows) {
      String[] line = new String[n];
      for (int i = 0; i < n; i++) {
        Column<T> c = columns.get(i);
        String s = Humanize.format(c.kind(), c.value().apply(row)).replace('\n', ' ');
        if (s.length() > MAX_CELL) {
          s = s.substring(0, MAX_CELL - 1) + "…";
        }
        line[i] = s;
        widths[i] = Math.max(widths[i], s.length());
      }
      cells.add(line);
    }
    StringBuilder sb = new StringBuilder();
    appendLine(sb, columns, widths, columns.stream().map(Column::header).toArray(String[]::new));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        rule.append("  ");
      }
      rule.append("-".repeat(widths[i]));
    }
    sb.append(rule).append('\n');
    for (String[] line : cells) {
      appendLine(sb, columns, widths, line);
    }
    if (rows.isEmpty()) {
      sb.append("(no rows)\n");
    }
    out.print(sb);
    out.flush();
  }

  private static <T> void appendLine(
      StringBuilder sb, List<Column<T>> columns, int[] widths, String[] cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      String s = cells[i];
      int pad = widths[i] - s.length();
      if (columns.get(i).kind() == Kind.TEXT || columns.get(i).kind() == Kind.TIME) {
        line.append(s).append(" ".repeat(pad));
      } else {
        line.append(" ".repeat(pad)).append(s);
      }
    }
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    sb.append(line, 0, end).append('\n');
  }
}
