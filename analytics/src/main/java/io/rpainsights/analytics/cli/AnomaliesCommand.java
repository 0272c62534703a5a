package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.anomaly.Anomaly;
import io.rpainsights.analytics.engine.anomaly.AnomalyQuery;
import io.rpainsights.analytics.engine.anomaly.Scale;
import io.rpainsights.analytics.report.Column;
import io.rpainsights.analytics.report.Views;
import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.store.TimeSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "anomalies",
    mixinStandardHelpOptions = true,
    description = {
      "Runs (executions and steps) in the window that were abnormally slow against a baseline of"
          + " the stable period before it (rolling, stored in analytics_baselines).",
      "Score: modified z = 0.6745*(x - median)/MAD on log durations; anomalous when z > 7 /"
          + " sensitivity (default 2.0 -> 3.5). Anomalies close in time form an incident,"
          + " described with the host's resources; a series anomalous N runs in a row is"
          + " escalated."
    })
final class AnomaliesCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;
  @Mixin FormatOption format;

  @Option(names = "--workflow", paramLabel = "W", description = "Only this workflow.")
  String workflow;

  @Option(
      names = "--since",
      defaultValue = "1h",
      paramLabel = "WHEN",
      converter = Converters.TimeSpecConverter.class,
      description = "Detection window start (default: ${DEFAULT-VALUE}).")
  TimeSpec since;

  @Option(
      names = "--until",
      paramLabel = "WHEN",
      converter = Converters.TimeSpecConverter.class,
      description = "Detection window end (default: now).")
  TimeSpec until;

  @Option(
      names = "--sensitivity",
      defaultValue = "2.0",
      paramLabel = "S",
      description = "Higher finds more: threshold = 7 / S (default: ${DEFAULT-VALUE} -> 3.5).")
  double sensitivity;

  @Option(
      names = "--baseline",
      defaultValue = "7d",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Length of the stable period before the window (default: 7d).")
  Duration baseline;

  @Option(
      names = "--escalate-after",
      defaultValue = "3",
      paramLabel = "N",
      description = "Escalate after N anomalous runs in a row (default: ${DEFAULT-VALUE}).")
  int escalateAfter;

  @Option(
      names = "--scale",
      defaultValue = "log",
      paramLabel = "SCALE",
      description = "Score durations on a log (default) or linear scale.")
  String scale;

  AnomaliesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    AnomalyQuery query =
        new AnomalyQuery(
            workflow,
            new TimeRange(since, until == null ? TimeSpec.now() : until),
            sensitivity,
            Scale.parse(scale),
            baseline,
            escalateAfter,
            null);
    try (Analytics analytics = db.open(context)) {
      List<Anomaly> anomalies = analytics.anomalies().anomalies(query);
      List<Column<Anomaly>> columns = Views.anomalies();
      if (format.isTable()) {
        // The table keeps to what fits a terminal; JSON and CSV carry every field.
        columns = columns.subList(0, 10);
      }
      format.print(spec.commandLine().getOut(), columns, anomalies, anomalies);
      if (format.isTable() && !anomalies.isEmpty()) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println();
        anomalies.stream().limit(20).forEach(a -> out.println("- " + a.description()));
        if (anomalies.size() > 20) {
          out.println("- … " + (anomalies.size() - 20) + " more (see --format json)");
        }
        out.flush();
      }
    }
    return 0;
  }
}
