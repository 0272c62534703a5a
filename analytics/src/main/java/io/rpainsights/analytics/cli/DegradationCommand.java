package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.perf.DegradationQuery;
import io.rpainsights.analytics.report.Views;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "degradation",
    mixinStandardHelpOptions = true,
    description = {
      "Per step: did it get slower in the last --current window than in the --baseline window"
          + " before it?",
      "Degraded = one-sided Mann-Whitney U p < --alpha AND the median rose by at least"
          + " --min-change percent and --min-delta-ms."
    })
final class DegradationCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;
  @Mixin FormatOption format;

  @Option(names = "--workflow", required = true, paramLabel = "W", description = "The workflow.")
  String workflow;

  @Option(
      names = "--baseline",
      defaultValue = "7d",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Length of the baseline window before the current one (default: 7d).")
  Duration baseline;

  @Option(
      names = "--current",
      defaultValue = "1d",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Length of the current window, ending now (default: 1d).")
  Duration current;

  @Option(
      names = "--alpha",
      defaultValue = "0.01",
      paramLabel = "P",
      description = "Significance level (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(
      names = "--min-change",
      defaultValue = "20",
      paramLabel = "PCT",
      description = "Smallest median rise in percent that counts (default: ${DEFAULT-VALUE}).")
  double minChange;

  @Option(
      names = "--min-delta-ms",
      defaultValue = "1",
      paramLabel = "MS",
      description = "Smallest median rise in ms that counts (default: ${DEFAULT-VALUE}).")
  double minDeltaMs;

  @Option(
      names = "--min-samples",
      defaultValue = "5",
      paramLabel = "N",
      description = "Fewest runs per window to judge a step (default: ${DEFAULT-VALUE}).")
  int minSamples;

  DegradationCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DegradationQuery query =
        new DegradationQuery(workflow, baseline, current, alpha, minChange, minDeltaMs, minSamples);
    try (Analytics analytics = db.open(context)) {
      format.print(
          spec.commandLine().getOut(),
          Views.degradation(),
          analytics.degradation().degradation(query));
    }
    return 0;
  }
}
