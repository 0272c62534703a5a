package io.rpainsights.sample;

import io.rpainsights.sample.simulation.Scenario;
import io.rpainsights.sample.simulation.Sleeper;
import java.io.PrintStream;

/**
 * The sample bot's command line. Prints progress and ends with one {@code SUMMARY} line; prints
 * nothing on stderr except one line for bad arguments (exit code 2).
 */
public final class SampleMain {

  private SampleMain() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err, Sleeper.real());
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the CLI and returns its exit code instead of exiting, so tests can call it. */
  static int run(String[] args, PrintStream out, PrintStream err, Sleeper sleeper) {
    RunOptions options;
    try {
      options = RunOptions.parse(args);
    } catch (UsageException e) {
      err.println("sample-workflow: " + e.getMessage());
      return 2;
    }
    if (options.help()) {
      out.println(RunOptions.USAGE);
      return 0;
    }
    Scenario scenario = Scenario.named(options.scenario()).orElseThrow();
    try {
      Summary summary = SampleRunner.run(options, scenario, sleeper, out);
      out.println(summary.line());
      out.flush();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("sample-workflow: interrupted");
      return 1;
    }
  }
}
