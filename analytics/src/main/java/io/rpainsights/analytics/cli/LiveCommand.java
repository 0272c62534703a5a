package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.live.LiveExecution;
import io.rpainsights.analytics.report.Humanize;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.report.Views;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "live",
    mixinStandardHelpOptions = true,
    description = {
      "Running executions with steps done, progress and an ETA (p25–p75 range) from the"
          + " workflow's recent per-step medians.",
      "With --follow the table refreshes in place until Ctrl-C; --format json then prints one"
          + " compact array per refresh, one per line (JSON Lines)."
    })
final class LiveCommand implements Callable<Integer> {
  private static final String CLEAR_HOME = "\u001b[H\u001b[2J";

  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;
  @Mixin FormatOption format;

  @Option(names = "--follow", description = "Refresh until interrupted.")
  boolean follow;

  @Option(
      names = "--interval",
      defaultValue = "2s",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Refresh interval of --follow (default: 2s).")
  Duration interval;

  /** Ends --follow after this many refreshes (tests); 0 = until interrupted. */
  @Option(names = "--iterations", hidden = true, defaultValue = "0")
  long iterations;

  LiveCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try (Analytics analytics = db.open(context)) {
      long n = 0;
      do {
        List<LiveExecution> running = analytics.live().running();
        if (follow && format.isTable()) {
          out.print(CLEAR_HOME);
          out.println(
              "rpa-insights live — "
                  + Humanize.time(context.clock().instant())
                  + " — "
                  + running.size()
                  + " running (Ctrl-C to stop)");
          out.println();
        }
        if (follow && format.isJson()) {
          // One compact array per line (JSON Lines): a stream a reader can parse refresh by
          // refresh.
          out.println(Json.writeCompact(running));
          out.flush();
        } else {
          format.print(out, Views.live(), running);
        }
        n++;
        if (follow && (iterations == 0 || n < iterations)) {
          Thread.sleep(interval.toMillis());
        }
      } while (follow && (iterations == 0 || n < iterations));
    }
    return 0;
  }
}
