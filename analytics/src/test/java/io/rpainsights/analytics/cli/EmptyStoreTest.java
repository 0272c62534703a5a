package io.rpainsights.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store the agent has just created: every command answers, none fails. */
class EmptyStoreTest {
  @TempDir Path dir;

  @Test
  void everyCommandAnswersOnAnEmptyStore() {
    Path db = dir.resolve("empty.db");
    StoreFixture.create(db).close();
    String d = db.toString();
    List<List<String>> commands =
        List.of(
            List.of("stats"),
            List.of("stats", "--by", "step"),
            List.of("anomalies"),
            List.of("insights"),
            List.of("success"),
            List.of("success", "--by", "strategy"),
            List.of("live"),
            List.of("summary"),
            List.of("report", "--format", "html", "--out", dir.resolve("r.html").toString()),
            List.of("archive", "--older-than", "90d", "--to", dir.resolve("arc").toString()));
    for (List<String> c : commands) {
      for (String format : List.of("table", "json", "csv")) {
        if (c.get(0).equals("report") || c.get(0).equals("archive")) {
          if (!format.equals("table")) {
            continue;
          }
        }
        List<String> args = new java.util.ArrayList<>(c);
        args.addAll(List.of("--db", d));
        if (!c.get(0).equals("report") && !c.get(0).equals("archive")) {
          args.addAll(List.of("--format", format));
        }
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(args + ": " + r.err()).isZero();
      }
    }
    assertThat(CliRun.run("stats", "--db", d, "--workflow", "w").err())
        .contains("the store has no executions");
    CliRun empty = CliRun.run("stats", "--db", d, "--since", "1h", "--until", "2h");
    StatsCommandTest.assertBadInput(empty, "empty time window");
    StatsCommandTest.assertBadInput(
        CliRun.run("anomalies", "--db", d, "--sensitivity", "1e308"), "at most 100");
  }
}
