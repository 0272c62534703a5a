package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.engine.perf.StatsQuery;
import io.rpainsights.analytics.engine.perf.StatsRow;
import io.rpainsights.analytics.report.Views;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Count, success rate, avg, median, p95, p99, min, max and sample stddev of durations.",
      "Covers every finished execution (or step) that started in the window, whatever its"
          + " outcome; percentiles are R-7 (linear interpolation)."
    })
final class StatsCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;
  @Mixin FormatOption format;

  @Option(names = "--workflow", paramLabel = "W", description = "Only this workflow.")
  String workflow;

  @Mixin WindowOptions window;

  @Option(
      names = "--by",
      defaultValue = "workflow",
      paramLabel = "GROUP",
      converter = Converters.GroupByConverter.class,
      description = "Group by workflow, step, action or host (default: ${DEFAULT-VALUE}).")
  GroupBy by;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description =
          "Only rows with this outcome: success|failed|timeout (executions) or"
              + " success|failed|recovered (steps).")
  String status;

  StatsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    StatsQuery query =
        new StatsQuery(
            workflow,
            window.range(),
            by,
            status == null ? null : status.trim().toLowerCase(java.util.Locale.ROOT));
    try (Analytics analytics = db.open(context)) {
      List<StatsRow> rows = analytics.stats().stats(query);
      format.print(spec.commandLine().getOut(), Views.stats(by), rows);
    }
    return 0;
  }
}
