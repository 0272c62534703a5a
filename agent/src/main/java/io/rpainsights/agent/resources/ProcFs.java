package io.rpainsights.agent.resources;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The few Linux {@code /proc} files the JDK probe reads. Every reader answers null when its file is
 * missing (not Linux, a locked-down container, a kernel without I/O accounting) or not in the
 * expected shape, so a missing figure stays null instead of becoming an error.
 *
 * <p>Files are read as ISO-8859-1, which decodes any byte: {@code status} carries the thread name,
 * which may hold arbitrary bytes.
 */
final class ProcFs {

  private final Path root;

  ProcFs(Path root) {
    this.root = root;
  }

  static ProcFs linux() {
    return new ProcFs(Paths.get("/proc"));
  }

  /** This process's resident set ({@code VmRSS} in {@code self/status}). */
  Long residentSetBytes() {
    return kibibytes(lines("self/status"), "VmRSS");
  }

  /**
   * Memory in use on the machine: {@code MemTotal − MemAvailable} from {@code meminfo}, the same
   * definition OSHI uses, so page cache the kernel can drop does not count as used.
   */
  Long memoryUsedBytes() {
    List<String> meminfo = lines("meminfo");
    Long total = kibibytes(meminfo, "MemTotal");
    Long available = kibibytes(meminfo, "MemAvailable");
    if (total == null || available == null || available > total) {
      return null;
    }
    return total - available;
  }

  /**
   * This process's storage I/O, {@code {read_bytes, write_bytes}} from {@code self/io}: bytes the
   * process caused to be fetched from or sent to the block layer, all threads together. (rchar and
   * wchar would also count pipes, sockets and reads served from the page cache.)
   */
  long[] storageBytes() {
    List<String> io = lines("self/io");
    Long read = number(io, "read_bytes");
    Long written = number(io, "write_bytes");
    return read == null || written == null ? null : new long[] {read, written};
  }

  /** The machine's CPU ticks from the first ({@code cpu}) line of {@code stat}. */
  CpuTicks cpuTicks() {
    // Only the first line: on a large machine the rest of /proc/stat runs to many kilobytes.
    try (BufferedReader reader =
        Files.newBufferedReader(root.resolve("stat"), StandardCharsets.ISO_8859_1)) {
      String line = reader.readLine();
      if (line == null || !line.startsWith("cpu ")) {
        return null;
      }
      String[] parts = line.substring(4).trim().split("\\s+");
      long[] fields = new long[parts.length];
      for (int i = 0; i < parts.length; i++) {
        fields[i] = Long.parseLong(parts[i]);
      }
      return CpuTicks.fromStatFields(fields);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private List<String> lines(String file) {
    try {
      return Files.readAllLines(root.resolve(file), StandardCharsets.ISO_8859_1);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** {@code Key: 1234 kB} in bytes. */
  private static Long kibibytes(List<String> lines, String key) {
    String value = value(lines, key);
    if (value == null || !value.endsWith(" kB")) {
      return null;
    }
    Long kib = parse(value.substring(0, value.length() - 3).trim());
    return kib == null ? null : kib * 1024;
  }

  /** {@code key: 1234}. */
  private static Long number(List<String> lines, String key) {
    String value = value(lines, key);
    return value == null ? null : parse(value);
  }

  private static String value(List<String> lines, String key) {
    for (String line : lines) {
      if (line.length() > key.length()
          && line.startsWith(key)
          && line.charAt(key.length()) == ':') {
        return line.substring(key.length() + 1).trim();
      }
    }
    return null;
  }

  private static Long parse(String digits) {
    try {
      long value = Long.parseLong(digits);
      return value >= 0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
