package io.rpainsights.analytics.testing;

import io.rpainsights.analytics.cli.RpaInsightsCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

/** Runs the CLI in-process and captures what it printed. */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun run(Clock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = RpaInsightsCli.run(args, new PrintWriter(out), new PrintWriter(err), clock);
    return new CliRun(code, out.toString(), err.toString());
  }

  public static CliRun run(String... args) {
    return run(StoreFixture.CLOCK, args);
  }

  /** The lines of stdout that are not blank. */
  public String[] outLines() {
    return out.lines().filter(l -> !l.isBlank()).toArray(String[]::new);
  }
}
