package io.rpainsights.analytics.report;

import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.engine.perf.StatsRow;
import java.util.ArrayList;
import java.util.List;

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
}
