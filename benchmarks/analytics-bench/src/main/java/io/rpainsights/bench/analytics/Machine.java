package io.rpainsights.bench.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on: CPU, cores, memory, load, JVM. */
final class Machine {
  private Machine() {}

  static Map<String, String> facts() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("cpu", cpuModel());
    f.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    f.put("load average at start", loadAverage());
    f.put(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    f.put("max heap", (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
    f.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return f;
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the architecture is all we know.
    }
    return System.getProperty("os.arch");
  }
}
