package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.archive.ArchiveResult;
import io.rpainsights.analytics.archive.Archiver;
import io.rpainsights.analytics.store.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Retention without a copy: deletes rows older than --older-than from the store in one"
          + " transaction (what the agent's retention.days does). Needs --yes.",
      "Use 'archive' to keep the rows."
    })
final class PruneCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The store.")
  Path db;

  @Option(
      names = "--older-than",
      required = true,
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Delete rows that started longer ago than this (e.g. 90d).")
  Duration olderThan;

  @Option(names = "--yes", description = "Confirm that the rows are to be deleted for good.")
  boolean yes;

  PruneCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (!yes) {
      throw new InvalidInputException(
          "prune deletes rows for good: add --yes to confirm, or use 'archive' to keep them");
    }
    ArchiveResult r =
        new Archiver(context.clock()).prune(db, context.clock().instant().minus(olderThan));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Deleted rows older than %s: %s%n", r.cutoff(), describe(r.removed()));
    out.flush();
    return 0;
  }

  static String describe(Map<String, Long> counts) {
    StringJoiner j = new StringJoiner(", ");
    counts.forEach((table, n) -> j.add(String.format(Locale.ROOT, "%,d %s", n, table)));
    return j.toString();
  }
}
