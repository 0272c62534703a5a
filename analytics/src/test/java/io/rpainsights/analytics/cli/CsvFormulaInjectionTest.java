package io.rpainsights.analytics.cli;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bot's step ids that a spreadsheet would run as formulas reach the CSV as text (a leading '),
 * while the numbers beside them, negative ones included, stay numbers.
 */
class CsvFormulaInjectionTest {
  static final String WORKFLOW = "claims-intake";
  static final String HYPERLINK_NODE = "=HYPERLINK(\"http://evil\",\"x\")";
  static final String MINUS_NODE = "-cmd|' /C calc'!A0";

  /** The steps' CSV fields as written: prefixed with ', then quoted where RFC 4180 says so. */
  static final String HYPERLINK_FIELDS = "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'@SUM(1)";

  static final String MINUS_FIELDS = "'-cmd|' /C calc'!A0,click";

  @TempDir static Path dir;
  static String db;

  @BeforeAll
  static void store() {
    Path p = dir.resolve("formulas.db");
    try (StoreFixture f = StoreFixture.create(p)) {
      // Both steps take 1000 ms in the baseline and 500 ms in the last day: a change of -50 %.
      for (int day = 2; day <= 5; day++) {
        run(f, "base-" + day, ago(Duration.ofDays(day)), 1000);
      }
      run(f, "current-1", ago(Duration.ofHours(6)), 500);
      run(f, "current-2", ago(Duration.ofHours(3)), 500);
    }
    db = p.toString();
  }

  private static void run(StoreFixture f, String id, long startedAt, double stepMs) {
    f.execution(id, WORKFLOW, startedAt, 2 * stepMs, "success")
        .step(id, WORKFLOW, HYPERLINK_NODE, "@SUM(1)", 1, startedAt, stepMs, "success", null)
        .step(id, WORKFLOW, MINUS_NODE, "click", 2, startedAt, stepMs, "success", null);
  }

  @Test
  void aQueryCommandsCsvPrefixesFormulaLikeTextButNotNegativeNumbers() {
    CliRun csv = degradation("csv");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    // nodeId, actionType, baselineMedianMs, currentMedianMs, changePct
    assertThat(csv.outLines())
        .anySatisfy(l -> assertThat(l).startsWith(HYPERLINK_FIELDS + ",1000,500,-50,"))
        .anySatisfy(l -> assertThat(l).startsWith(MINUS_FIELDS + ",1000,500,-50,"));
  }

  @Test
  void jsonKeepsTheTextExactlyAsStored() throws Exception {
    CliRun json = degradation("json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode steps = Json.mapper().readTree(json.out());
    assertThat(steps.findValuesAsText("nodeId"))
        .containsExactlyInAnyOrder(HYPERLINK_NODE, MINUS_NODE);
  }

  @Test
  void theCsvReportPrefixesFormulaLikeTextButNotNegativeNumbers() throws Exception {
    Path out = dir.resolve("report.csv");
    CliRun r =
        CliRun.run(
            "report",
            "--db",
            db,
            "--format",
            "csv",
            "--out",
            out.toString(),
            "--since",
            "7d",
            "--current",
            "1d");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String csv = Files.readString(out);
    String steps = section(csv, "steps");
    assertThat(steps.split("\r\n"))
        .anySatisfy(l -> assertThat(l).startsWith(WORKFLOW + "," + HYPERLINK_FIELDS + ",6,1,"))
        .anySatisfy(l -> assertThat(l).startsWith(WORKFLOW + "," + MINUS_FIELDS + ",6,1,"));
    String degradation = section(csv, "degradation");
    assertThat(degradation.split("\r\n"))
        .anySatisfy(l -> assertThat(l).startsWith(HYPERLINK_FIELDS + ",1000,500,-50,"))
        .anySatisfy(l -> assertThat(l).startsWith(MINUS_FIELDS + ",1000,500,-50,"));
  }

  private static CliRun degradation(String format) {
    return CliRun.run(
        "degradation", "--db", db, "--workflow", WORKFLOW, "--current", "1d", "--format", format);
  }

  /** The lines of one section of the CSV report, from its marker to the empty line after it. */
  private static String section(String csv, String name) {
    int start = csv.indexOf("# " + name + "\r\n");
    assertThat(start).as("section " + name).isNotNegative();
    int end = csv.indexOf("\r\n\r\n", start);
    return csv.substring(start, end < 0 ? csv.length() : end);
  }
}
