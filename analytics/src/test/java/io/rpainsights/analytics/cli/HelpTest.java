package io.rpainsights.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

  @Test
  void everyCommandHasHelpAndEveryQueryCommandHasTheFormatOption() {
    CommandLine root =
        RpaInsightsCli.commandLine(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            StoreFixture.CLOCK);
    List<String[]> paths = new ArrayList<>();
    root.getSubcommands()
        .forEach(
            (name, sub) -> {
              paths.add(new String[] {name});
              sub.getSubcommands()
                  .keySet()
                  .forEach(nested -> paths.add(new String[] {name, nested}));
            });
    assertThat(paths)
        .extracting(p -> String.join(" ", p))
        .contains(
            "stats",
            "bottlenecks",
            "degradation",
            "compare",
            "trend",
            "anomalies",
            "insights",
            "insights implement",
            "success",
            "live",
            "report",
            "archive",
            "generate",
            "summary");
    for (String[] path : paths) {
      String[] args = java.util.Arrays.copyOf(path, path.length + 1);
      args[path.length] = "--help";
      CliRun r = CliRun.run(args);
      assertThat(r.exitCode()).as(String.join(" ", path)).isZero();
      assertThat(r.out()).as(String.join(" ", path)).startsWith("Usage: rpa-insights");
    }
    for (String query :
        List.of(
            "stats",
            "bottlenecks",
            "degradation",
            "compare",
            "trend",
            "anomalies",
            "insights",
            "success",
            "live",
            "summary")) {
      assertThat(CliRun.run(query, "--help").out()).as(query).contains("--format");
    }
    assertThat(CliRun.run("--help").out()).contains("stats").contains("archive");
    CliRun none = CliRun.run();
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err().strip()).contains("missing command").doesNotContain("\n");
  }
}
