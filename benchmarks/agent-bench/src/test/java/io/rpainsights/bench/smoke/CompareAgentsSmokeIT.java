package io.rpainsights.bench.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The smoke test of issue 7: compare-agents.sh in quick mode (tiny counts, JMH for a moment, no
 * download: RPA Insights against no agent only) runs to the end and every part produces numbers. No
 * timing is asserted: this machine is shared and the quick mode measures nothing.
 */
class CompareAgentsSmokeIT {

  private static final Path BENCH =
      Paths.get(System.getProperty("bench.dir", ".")).toAbsolutePath();

  @Test
  void quickComparisonRunsEveryPartAndStoresEveryStep() throws Exception {
    Path out = BENCH.resolve("target/smoke");
    Path script = BENCH.resolve("../compare-agents.sh").normalize();
    Process process =
        new ProcessBuilder(
                "bash",
                script.toString(),
                "--quick",
                "--no-build",
                "--no-other-agents",
                "--out",
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.resolveSibling("smoke.log").toFile())
            .start();
    assertThat(process.waitFor(8, TimeUnit.MINUTES)).as("finished within 8 minutes").isTrue();
    String log = Files.readString(out.resolveSibling("smoke.log"));
    assertThat(process.exitValue()).as(log).isZero();

    List<String> lines = Files.readAllLines(out.resolve("results.txt"));
    assertThat(lines)
        .anyMatch(l -> l.startsWith("RESULT variant=none ") && finite(l, "ns_per_step"));
    List<String> rpa =
        lines.stream()
            .filter(l -> l.startsWith("RESULT variant=rpa "))
            .collect(Collectors.toList());
    assertThat(rpa).hasSize(1).allMatch(l -> finite(l, "ns_per_step") && finite(l, "hwm_kib"));
    String store =
        lines.stream().filter(l -> l.startsWith("STORE variant=rpa round=1")).findFirst().get();
    assertThat(field(store, "steps")).isEqualTo(field(rpa.get(0), "steps_total"));
    assertThat(field(store, "dropped")).isEqualTo("0");
    assertThat(lines).anyMatch(l -> l.startsWith("CEILING best=") && finite(l, "rows_per_s"));
    assertThat(lines).anyMatch(l -> l.startsWith("PIPELINE ") && finite(l, "rows_per_s"));
    assertThat(lines).anyMatch(l -> l.startsWith("SIZE ") && finite(l, "per_1000_executions"));
    List<String> jmh =
        lines.stream().filter(l -> l.startsWith("JMH ")).collect(Collectors.toList());
    assertThat(jmh)
        .anyMatch(l -> l.contains("stepThroughBridge"))
        .anyMatch(l -> l.contains("insertBatch[writer=sqliteStore]"))
        .anyMatch(l -> l.contains("InstrumentedBenchmark.instrumented"))
        .allMatch(l -> finite(l, "score"));
    assertThat(lines).noneMatch(l -> l.startsWith("RESULT variant=otel"));
    assertThat(Files.readString(out.resolve("report.md"))).contains("### Issue 7 targets (agent)");
    assertThat(new File(out.resolve("logs").toString()).list()).isNotEmpty();
  }

  private static String field(String line, String key) {
    for (String part : line.split("\\s+")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    return null;
  }

  private static boolean finite(String line, String key) {
    String value = field(line, key);
    try {
      return value != null && Double.isFinite(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
