package io.rpainsights.analytics.archive;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/** Runs an archive in a JVM of its own and halts it — no cleanup at all — at the given phase. */
public final class ArchiveCrashMain {
  private ArchiveCrashMain() {}

  public static void main(String[] args) {
    Archiver.Phase crashAt = Archiver.Phase.valueOf(args[2]);
    new Archiver(
            Clock.systemUTC(),
            phase -> {
              if (phase == crashAt) {
                Runtime.getRuntime().halt(3);
              }
            })
        .archive(Path.of(args[0]), Instant.ofEpochMilli(Long.parseLong(args[3])), Path.of(args[1]));
    System.exit(0);
  }
}
