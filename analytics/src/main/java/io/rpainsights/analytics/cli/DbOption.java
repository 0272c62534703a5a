package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --db F} option every command takes. */
final class DbOption {
  @Option(
      names = "--db",
      required = true,
      paramLabel = "FILE",
      description = "The RPA Insights SQLite store.")
  Path db;

  Analytics open(CliContext context) {
    return Analytics.open(db, context.clock());
  }
}
