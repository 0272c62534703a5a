package io.rpainsights.agent.export;

import io.rpainsights.agent.log.AgentLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The built-in exporter behind {@code exporters.json.dir}: writes each snapshot to {@code
 * rpa-insights-<pid>.json} in that directory (one file per JVM, so several bots can share a
 * directory), replacing the previous one atomically — written to a hidden temporary file in the
 * same directory, then moved over the old one — so a reader never sees half a file. The directory
 * is created when missing. A failed write is logged once per kind of failure and tried again at the
 * next interval.
 */
public final class JsonFileExporter implements MetricsExporter {

  private final Path directory;
  private final long pid;

  public JsonFileExporter(Path directory, long pid) {
    this.directory = directory;
    this.pid = pid;
  }

  /** The snapshot file a JVM with process id {@code pid} writes in {@code directory}. */
  public static Path fileFor(Path directory, long pid) {
    return directory.resolve("rpa-insights-" + pid + ".json");
  }

  public Path file() {
    return fileFor(directory, pid);
  }

  @Override
  public void export(MetricsSnapshot snapshot) throws IOException {
    Path target = file();
    Path temporary = directory.resolve(".rpa-insights-" + pid + ".json.tmp");
    try {
      Files.createDirectories(directory);
      try (OutputStream out = Files.newOutputStream(temporary)) {
        SnapshotJson.write(snapshot, out);
      }
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException notAtomic) {
        // Some network file systems: still never a partial file, just no atomic replace.
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException failed) {
      deleteQuietly(temporary);
      AgentLog.errorOnce(
          "json-export:" + directory + ":" + failed.getClass().getName(),
          "exporters.json: cannot write " + target + "; will try again every interval",
          failed);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException | RuntimeException ignored) {
      // Nothing more to do: the next export overwrites it.
    }
  }
}
