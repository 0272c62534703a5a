package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.success.SuccessAnalyzer;
import io.rpainsights.analytics.engine.success.SuccessQuery;
import io.rpainsights.analytics.report.Views;
import io.rpainsights.analytics.store.InvalidInputException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "success",
    mixinStandardHelpOptions = true,
    description = {
      "Success rates by workflow (default), step, error type, recovery strategy or over time,"
          + " and what self-healing saved.",
      "A timed-out execution counts as not successful; a recovered step counts as completed."
    })
final class SuccessCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;
  @Mixin FormatOption format;
  @Mixin WindowOptions window;

  @Option(names = "--workflow", paramLabel = "W", description = "Only this workflow.")
  String workflow;

  @Option(
      names = "--by",
      defaultValue = "workflow",
      paramLabel = "GROUP",
      description = "workflow, step, error, strategy or time (default: ${DEFAULT-VALUE}).")
  String by;

  @Option(
      names = "--bucket",
      defaultValue = "1d",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Bucket size of --by time (default: 1d).")
  Duration bucket;

  SuccessCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String group = by.trim().toLowerCase(Locale.ROOT);
    SuccessQuery q = new SuccessQuery(workflow, window.range(), bucket);
    try (Analytics analytics = db.open(context)) {
      SuccessAnalyzer s = analytics.success();
      PrintWriter out = spec.commandLine().getOut();
      switch (group) {
        case "workflow" -> format.print(out, Views.successByWorkflow(), s.byWorkflow(q));
        case "step" -> format.print(out, Views.successByStep(), s.byStep(q));
        case "error" -> format.print(out, Views.successByError(), s.byError(q));
        case "strategy" -> format.print(out, Views.successByStrategy(), s.byStrategy(q));
        case "time" -> format.print(out, Views.successOverTime(), s.overTime(q));
        default ->
            throw new InvalidInputException(
                "unknown grouping '" + by + "': expected workflow, step, error, strategy or time");
      }
    }
    return 0;
  }
}
