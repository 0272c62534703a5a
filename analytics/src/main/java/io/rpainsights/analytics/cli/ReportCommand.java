package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.report.CsvReport;
import io.rpainsights.analytics.report.Html;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.report.ReportBuilder;
import io.rpainsights.analytics.report.ReportData;
import io.rpainsights.analytics.report.ReportQuery;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.store.TimeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a report: html (one self-contained file with inline SVG charts), csv (sections) or"
          + " json (the engine's records).",
      "Summary, per-workflow statistics, steps, bottlenecks, degradation, trends, success rates,"
          + " anomalies and prioritised insights."
    })
final class ReportCommand implements Callable<Integer> {
  enum ReportFormat {
    html,
    csv,
    json
  }

  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;
  @Mixin WindowOptions window;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description = "html, csv or json.")
  ReportFormat format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write.")
  Path out;

  @Option(
      names = "--workflow",
      paramLabel = "W",
      description = "Only these workflows (repeatable; default: all).")
  List<String> workflows;

  @Option(
      names = "--days",
      defaultValue = "30",
      paramLabel = "N",
      description = "Insights look at the last N days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--current",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description =
          "Degradation compares the last DURATION of the window with the rest of it (default: an"
              + " eighth of the window, 1 minute to 1 day).")
  Duration current;

  @Option(
      names = "--anomalies-since",
      paramLabel = "WHEN",
      converter = Converters.TimeSpecConverter.class,
      description = "Anomalies from this long ago (default: the report's window).")
  TimeSpec anomaliesSince;

  @Option(
      names = "--anomaly-baseline",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Anomaly baseline length, before the anomalies' window (default: 7d).")
  Duration anomalyBaseline;

  ReportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    refuseToOverwriteTheStore(out, db.db);
    ReportData data;
    try (Analytics analytics = db.open(context)) {
      data =
          new ReportBuilder(analytics)
              .build(
                  new ReportQuery(
                      workflows,
                      window.range(),
                      days,
                      current,
                      anomaliesSince == null ? null : TimeRange.since(anomaliesSince),
                      anomalyBaseline));
    }
    String text =
        switch (format) {
          case html -> Html.render(data);
          case csv -> CsvReport.render(data);
          case json -> Json.write(data) + "\n";
        };
    write(out, text);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "Wrote %s (%,d bytes): %d workflows, %,d executions, %d insights, %d anomalies.%n",
            out,
            text.getBytes(StandardCharsets.UTF_8).length,
            data.summary().workflows(),
            data.summary().executions(),
            data.summary().insights(),
            data.summary().anomalies());
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * A report written over the store (or its WAL, shared-memory or journal file) would replace the
   * user's data with the report: refused before anything is read or written.
   */
  static void refuseToOverwriteTheStore(Path target, Path store) {
    Path storeFile = canonical(store);
    Path targetFile = canonical(target);
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      if (targetFile.equals(storeFile.resolveSibling(storeFile.getFileName() + suffix))) {
        throw new InvalidInputException(
            "--out "
                + target
                + (suffix.isEmpty()
                    ? " is the store itself"
                    : " is the store's " + suffix + " file")
                + ": writing the report there would destroy the data; choose another file");
      }
    }
  }

  /** The real path where the file exists (links resolved), else the absolute normalised path. */
  private static Path canonical(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      return absolute.toRealPath();
    } catch (IOException | SecurityException missing) {
      Path parent = absolute.getParent();
      if (parent != null && Files.isDirectory(parent)) {
        try {
          return parent.toRealPath().resolve(absolute.getFileName());
        } catch (IOException | SecurityException unreadable) {
          return absolute;
        }
      }
      return absolute;
    }
  }

  /** Writes through a temporary file and a rename, so a reader never sees half a report. */
  static void write(Path target, String text) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Path tmp = newFile(dir);
      try {
        PosixFileAttributeView posix =
            Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (posix != null && Files.exists(target)) {
          // Replacing a report keeps the permissions its owner gave it.
          posix.setPermissions(Files.getPosixFilePermissions(target));
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * A new empty file beside the target. {@code Files.createTempFile} would make it 0600 whatever
   * the umask; {@code Files.createFile} gives it the mode any new file gets (0666 less the umask),
   * as writing the report in place would.
   */
  private static Path newFile(Path dir) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Path tmp =
          dir.resolve(
              ".report-"
                  + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                  + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }
}
