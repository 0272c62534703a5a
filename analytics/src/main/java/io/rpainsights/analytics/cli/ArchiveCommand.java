package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.archive.ArchiveResult;
import io.rpainsights.analytics.archive.Archiver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    description = {
      "Moves rows older than --older-than into DIR/"
          + Archiver.FILE_NAME
          + " (SQLite, format in"
          + " analytics/ARCHIVE.md): copy, verify, then delete.",
      "Crash-safe and idempotent: running it again after an interruption neither loses nor"
          + " duplicates a row. Running executions and their rows stay."
    })
final class ArchiveCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The store.")
  Path db;

  @Option(
      names = "--older-than",
      required = true,
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Archive rows that started longer ago than this (e.g. 90d).")
  Duration olderThan;

  @Option(names = "--to", required = true, paramLabel = "DIR", description = "Archive folder.")
  Path to;

  ArchiveCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ArchiveResult r =
        new Archiver(context.clock()).archive(db, context.clock().instant().minus(olderThan), to);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "Archived rows older than %s into %s: %s%n",
        r.cutoff(),
        r.archive(),
        PruneCommand.describe(r.removed()));
    out.flush();
    return 0;
  }
}
