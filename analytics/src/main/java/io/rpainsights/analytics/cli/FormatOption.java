package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.report.Column;
import io.rpainsights.analytics.report.CsvTable;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.report.TextTable;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --format table|json|csv} option of every query command, and the printing. */
final class FormatOption {
  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.table;

  /** Prints rows as an aligned table or CSV by the columns, or {@code json} as JSON. */
  <T> void print(PrintWriter out, List<Column<T>> columns, List<T> rows, Object json) {
    switch (format) {
      case table -> TextTable.render(columns, rows, out);
      case csv -> CsvTable.render(columns, rows, out);
      case json -> {
        out.println(Json.write(json));
        out.flush();
      }
    }
  }

  <T> void print(PrintWriter out, List<Column<T>> columns, List<T> rows) {
    print(out, columns, rows, rows);
  }

  boolean isTable() {
    return format == Format.table;
  }

  boolean isJson() {
    return format == Format.json;
  }
}
