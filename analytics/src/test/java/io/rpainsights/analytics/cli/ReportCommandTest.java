package io.rpainsights.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
  }

  @Test
  void aNewReportGetsTheModeOfAnyNewFileNotOwnerOnly() throws Exception {
    // The reference: a file created the ordinary way in the same directory (0666 less the umask).
    Set<PosixFilePermission> ordinary =
        Files.getPosixFilePermissions(Files.createFile(dir.resolve("ordinary")));
    Path out = dir.resolve("report.html");
    ReportCommand.write(out, "<html></html>");
    assertThat(Files.readString(out)).isEqualTo("<html></html>");
    assertThat(Files.getPosixFilePermissions(out)).isEqualTo(ordinary);
    try (var left = Files.list(dir)) {
      assertThat(left).noneMatch(p -> p.getFileName().toString().startsWith(".report-"));
    }
  }

  @Test
  void replacingAReportKeepsItsPermissions() throws Exception {
    Path out = dir.resolve("report.csv");
    Files.writeString(out, "old");
    Set<PosixFilePermission> chosen = PosixFilePermissions.fromString("rw-rw----");
    Files.setPosixFilePermissions(out, chosen);
    ReportCommand.write(out, "new");
    assertThat(Files.readString(out)).isEqualTo("new");
    assertThat(Files.getPosixFilePermissions(out)).isEqualTo(chosen);
  }
}
