package io.rpainsights.sample;

import io.rpainsights.sample.simulation.Scenario;
import java.nio.file.Path;

/**
 * The command-line settings of one run.
 *
 * @param runs executions in all (nested ones come on top)
 * @param threads how many executions run at once
 * @param seed the seed every choice derives from
 * @param pauseMs pause of each execution thread between two executions
 * @param stepLog where to log each step's simulated work ({@code --step-log}); null for nowhere
 * @param help only print the usage
 */
record RunOptions(
    int runs, int threads, long seed, long pauseMs, String scenario, Path stepLog, boolean help) {

  static final String USAGE =
      "usage: java -jar sample-workflow.jar [--runs N] [--threads T] [--seed S] [--pause-ms P]"
          + " [--scenario "
          + String.join("|", Scenario.names())
          + "]\n"
          + "  --runs N       executions in all (default 100)\n"
          + "  --threads T    executions running at once (default 1)\n"
          + "  --seed S       seed of every choice; same arguments, same SUMMARY (default 42)\n"
          + "  --pause-ms P   pause between executions, per thread (default 0)\n"
          + "  --scenario S   default, degradation, spikes or demo (default: default)\n"
          + "  --step-log F   write each step's node id and simulated work (ms) to F";

  private static final int MAX_RUNS = 10_000_000;
  private static final int MAX_THREADS = 256;
  private static final long MAX_PAUSE_MS = 3_600_000;

  /** Parses {@code --name value} and {@code --name=value} options. */
  static RunOptions parse(String... args) throws UsageException {
    int runs = 100;
    int threads = 1;
    long seed = 42;
    long pauseMs = 0;
    String scenario = "default";
    Path stepLog = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new RunOptions(runs, threads, seed, pauseMs, scenario, stepLog, true);
      }
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        value = null;
      }
      switch (name) {
        case "--runs" -> runs = (int) number(name, value, 1, MAX_RUNS);
        case "--threads" -> threads = (int) number(name, value, 1, MAX_THREADS);
        case "--seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
        case "--pause-ms" -> pauseMs = number(name, value, 0, MAX_PAUSE_MS);
        case "--scenario" -> scenario = scenario(value);
        case "--step-log" -> stepLog = path(name, value);
        default ->
            throw new UsageException(
                "unknown option '"
                    + name
                    + "' (options: --runs, --threads, --seed, --pause-ms, --scenario, --step-log,"
                    + " --help)");
      }
    }
    return new RunOptions(runs, threads, seed, pauseMs, scenario, stepLog, false);
  }

  private static Path path(String name, String value) throws UsageException {
    if (value == null || value.isBlank()) {
      throw new UsageException(name + " needs a file name");
    }
    return Path.of(value);
  }

  private static long number(String name, String value, long min, long max) throws UsageException {
    if (value == null) {
      throw new UsageException(name + " needs a value");
    }
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs an integer, got '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new UsageException(
          name + " must lie between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }

  private static String scenario(String value) throws UsageException {
    if (value == null) {
      throw new UsageException("--scenario needs a value");
    }
    if (Scenario.named(value).isEmpty()) {
      throw new UsageException(
          "unknown scenario '"
              + value
              + "' (scenarios: "
              + String.join(", ", Scenario.names())
              + ")");
    }
    return value;
  }
}
