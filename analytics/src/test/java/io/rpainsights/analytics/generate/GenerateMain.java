package io.rpainsights.analytics.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Generates a history in a JVM of its own, so that a test can give it a small heap. */
public final class GenerateMain {
  private GenerateMain() {}

  /** Arguments: the store, days of history, executions. */
  public static void main(String[] args) {
    GenerationSummary s =
        new HistoryGenerator()
            .generate(
                Path.of(args[0]),
                GeneratorConfig.of(
                    Long.parseLong(args[2]),
                    Duration.ofDays(Long.parseLong(args[1])),
                    3,
                    1,
                    Instant.parse("2026-11-22T12:00:00Z")),
                null);
    System.out.println("resources=" + s.resources());
    System.exit(0);
  }
}
