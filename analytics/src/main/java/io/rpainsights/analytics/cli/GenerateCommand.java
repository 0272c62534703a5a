package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.generate.GenerationSummary;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.report.Humanize;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic history into a new store (rows marked synthetic: host 'synthetic',"
          + " execution ids 'syn-', analytics_meta.synthetic = true); a store with a row in any"
          + " documented table is refused.",
      "Lognormal step latencies, failures and recoveries, a 3x degradation of one step near the"
          + " end, rare spikes, resource samples, a few running executions."
    })
final class GenerateCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The new store.")
  Path db;

  @Option(
      names = "--executions",
      required = true,
      paramLabel = "N",
      description = "Finished executions to write, 1 to 10000000.")
  long executions;

  @Option(
      names = "--days",
      required = true,
      paramLabel = "D",
      description =
          "Days of history, ending now, 1 to 36500 (a resource sample a minute over all of them).")
  int days;

  @Option(
      names = "--workflows",
      defaultValue = "20",
      paramLabel = "N",
      description = "Workflows (default: ${DEFAULT-VALUE}).")
  int workflows;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Random seed: the same seed writes the same rows (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--end",
      paramLabel = "TIME",
      description = "The newest instant of the history, ISO-8601 (default: now).")
  Instant end;

  GenerateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (days < 1) {
      throw new io.rpainsights.analytics.store.InvalidInputException("--days must be at least 1");
    }
    GeneratorConfig config =
        GeneratorConfig.of(
            executions,
            Duration.ofDays(days),
            workflows,
            seed,
            end != null ? end : context.clock().instant());
    PrintWriter err = spec.commandLine().getErr();
    long[] lastPrint = {System.nanoTime()};
    HistoryGenerator.Progress progress =
        (done, total) -> {
          long now = System.nanoTime();
          if (total >= 100_000 && (now - lastPrint[0] > 2_000_000_000L || done == total)) {
            lastPrint[0] = now;
            err.printf(
                Locale.ROOT,
                "generate: %,d / %,d executions (%d %%)%n",
                done,
                total,
                done * 100 / total);
            err.flush();
          }
        };
    GenerationSummary s = new HistoryGenerator().generate(db, config, progress);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "Wrote %s: %,d executions (+%d running), %,d steps, %,d recoveries, %,d resource samples"
            + " in %s (synthetic, seed %d).%n",
        db,
        s.executions(),
        s.running(),
        s.steps(),
        s.recoveries(),
        s.resources(),
        Humanize.duration((double) s.millis()),
        seed);
    if (s.degradedWorkflowId() != null) {
      out.printf(
          "Injected: step '%s' of %s is 3x slower since %s; %,d executions carry a spike.%n",
          s.degradedNodeId(),
          s.degradedWorkflowId(),
          Humanize.time(s.degradationStart()),
          s.spikedExecutionIds().size());
    }
    out.flush();
    return 0;
  }
}
