package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.store.TimeSpec;
import picocli.CommandLine.Option;

/** {@code --since} (default 7d) and {@code --until} (default now). */
final class WindowOptions {
  @Option(
      names = "--since",
      defaultValue = "7d",
      paramLabel = "WHEN",
      converter = Converters.TimeSpecConverter.class,
      description =
          "Window start: a duration before now (90s, 15m, 7d) or an ISO-8601 time"
              + " (default: ${DEFAULT-VALUE}).")
  TimeSpec since;

  @Option(
      names = "--until",
      paramLabel = "WHEN",
      converter = Converters.TimeSpecConverter.class,
      description = "Window end (default: now).")
  TimeSpec until;

  TimeRange range() {
    return new TimeRange(since, until == null ? TimeSpec.now() : until);
  }
}
