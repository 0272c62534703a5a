package io.rpainsights.agent.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds command-line tools the tests drive ({@code promtool}, {@code prometheus}). A missing tool
 * skips the test with the reason, unless {@code -Drpa.requireExternalTools=true} (set by {@code
 * .ci/run} through the root pom), which turns it into a failure.
 */
final class ExternalTools {

  static final String REQUIRE = "rpa.requireExternalTools";

  private ExternalTools() {}

  /** The tool's path on PATH; skips or fails the calling test when there is none. */
  static Path require(String name, String installHint) {
    Path found = find(name);
    if (found == null) {
      String reason = name + " is not on PATH (" + installHint + ")";
      if (Boolean.getBoolean(REQUIRE)) {
        Assertions.fail(reason + " and " + REQUIRE + "=true");
      }
      Assumptions.abort("skipped: " + reason);
    }
    return found;
  }

  static Path find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Paths.get(directory, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
