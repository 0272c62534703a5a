package io.rpainsights.bench.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.bench.analytics.AnalyticsBench.Result;
import io.rpainsights.bench.analytics.AnalyticsBench.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's quick mode on a tiny generated store: every question is asked, timed, floored and
 * written out. A smoke test of the plumbing only — no timing is asserted.
 */
class AnalyticsBenchSmokeTest {
  @TempDir Path dir;

  @Test
  void quickRunAsksEveryQuestionAndWritesTheTable() throws Exception {
    Path store = dir.resolve("tiny.db");
    new HistoryGenerator()
        .generate(
            store,
            GeneratorConfig.of(
                3_000, Duration.ofDays(3), 4, 1, Instant.parse("2026-11-20T15:17:00Z")),
            null);
    Path out = dir.resolve("out");
    AnalyticsBench.main(
        new String[] {
          "--store",
          store.toString(),
          "--work",
          dir.resolve("work.db").toString(),
          "--runs",
          "2",
          "--warmup",
          "1",
          "--after-commit",
          "1",
          "--out",
          out.toString()
        });
    String md = Files.readString(out.resolve("results.md"));
    assertThat(md)
        .contains("stats, one workflow, 7 d")
        .contains("insights, one workflow, 30 d")
        .contains("dashboard's first answer")
        .contains("answers read from the rows although the rollup covered them: 0");
    assertThat(Files.readString(out.resolve("results.json"))).contains("\"medianMs\"");
    // The generated store itself is never written (the run works on a copy), so every run
    // starts from the same state: no rollup in it.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE name LIKE 'analytics_rollup%'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }

    Result r =
        AnalyticsBench.run(
            AnalyticsBench.parse(
                new String[] {
                  "--store",
                  store.toString(),
                  "--work",
                  dir.resolve("again.db").toString(),
                  "--runs",
                  "2",
                  "--warmup",
                  "0",
                  "--after-commit",
                  "1",
                  "--no-rows"
                }));
    assertThat(r.rows()).hasSize(6);
    for (Row row : r.rows()) {
      assertThat(row.times()).hasSize(2).allMatch(t -> t >= 0);
      assertThat(row.floors()).hasSize(2).allMatch(t -> t >= 0);
      assertThat(row.afterCommit()).hasSize(1);
      assertThat(row.fromRows()).isEmpty();
      assertThat(row.floorRows()).isPositive();
    }
  }

  @Test
  void badArgumentsAreRefusedWithAReason() {
    assertThatThrownBy(() -> AnalyticsBench.parse(new String[] {"--runs", "3"}))
        .hasMessageContaining("usage");
    assertThatThrownBy(() -> AnalyticsBench.parse(new String[] {"--store", "x.db", "--runs", "0"}))
        .hasMessageContaining("--runs must be at least 1");
    assertThatThrownBy(
            () ->
                AnalyticsBench.run(
                    AnalyticsBench.parse(
                        new String[] {"--store", dir.resolve("missing.db").toString()})))
        .hasMessageContaining("no store at");
  }
}
