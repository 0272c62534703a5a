package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.insight.Implementation;
import io.rpainsights.analytics.report.Humanize;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.store.ImplementedInsightRow;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "implement",
    mixinStandardHelpOptions = true,
    description =
        "Records that an insight was acted on (in analytics_insights_implemented), with its"
            + " metric's current value; later 'insights' runs report the measured before/after"
            + " impact. Recorded once: running it again keeps the first record (a different"
            + " --note is refused).")
final class InsightsImplementCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;
  @Mixin FormatOption format;

  @Parameters(index = "0", paramLabel = "ID", description = "The insight's id.")
  String id;

  @Option(names = "--note", paramLabel = "TEXT", description = "What was done.")
  String note;

  @Option(
      names = "--days",
      defaultValue = "30",
      paramLabel = "N",
      description = "The window the insight was found in (default: ${DEFAULT-VALUE}).")
  int days;

  InsightsImplementCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (days < 1 || days > 3650) {
      throw new io.rpainsights.analytics.store.InvalidInputException(
          "--days must be between 1 and 3650");
    }
    try (Analytics analytics = db.open(context)) {
      Implementation done = analytics.insights().implement(id, note, days);
      ImplementedInsightRow row = done.row();
      PrintWriter out = spec.commandLine().getOut();
      if (format.isTable()) {
        out.printf(
            (done.alreadyRecorded() ? "Already recorded (unchanged): " : "Recorded: ")
                + "insight %s (%s) implemented at %s; before: %s = %s.%n"
                + "Later 'rpa-insights insights' runs report the measured impact.%n",
            row.insightId(),
            row.title(),
            Humanize.time(Instant.ofEpochMilli(row.implementedAt())),
            row.metric(),
            row.metric().endsWith("Ms")
                ? Humanize.duration(row.beforeValue())
                : Humanize.ratio(row.beforeValue()));
      } else if (format.format == Format.json) {
        out.println(Json.write(row));
      } else {
        format.print(
            out,
            java.util.List.of(
                io.rpainsights.analytics.report.Column.of(
                    "insightId",
                    "Id",
                    io.rpainsights.analytics.report.Kind.TEXT,
                    ImplementedInsightRow::insightId),
                io.rpainsights.analytics.report.Column.of(
                    "metric",
                    "Metric",
                    io.rpainsights.analytics.report.Kind.TEXT,
                    ImplementedInsightRow::metric),
                io.rpainsights.analytics.report.Column.of(
                    "beforeValue",
                    "Before",
                    io.rpainsights.analytics.report.Kind.NUMBER,
                    ImplementedInsightRow::beforeValue),
                io.rpainsights.analytics.report.Column.of(
                    "implementedAt",
                    "At",
                    io.rpainsights.analytics.report.Kind.NUMBER,
                    ImplementedInsightRow::implementedAt)),
            java.util.List.of(row));
      }
      out.flush();
    }
    return 0;
  }
}
