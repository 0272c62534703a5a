package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.perf.TrendQuery;
import io.rpainsights.analytics.report.Views;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "trend",
    mixinStandardHelpOptions = true,
    description =
        "A workflow's executions (or one step's runs) per time bucket: count, success rate,"
            + " avg, median, p95, p99, max.")
final class TrendCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;
  @Mixin FormatOption format;
  @Mixin WindowOptions window;

  @Option(names = "--workflow", required = true, paramLabel = "W", description = "The workflow.")
  String workflow;

  @Option(names = "--node", paramLabel = "STEP", description = "Trend this step instead.")
  String node;

  @Option(
      names = "--bucket",
      defaultValue = "1h",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Bucket size, aligned to UTC (default: 1h).")
  Duration bucket;

  TrendCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    TrendQuery query = new TrendQuery(workflow, node, window.range(), bucket);
    try (Analytics analytics = db.open(context)) {
      format.print(spec.commandLine().getOut(), Views.trend(), analytics.trend().trend(query));
    }
    return 0;
  }
}
