package io.rpainsights.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query command in table, JSON and CSV form over one generated store: the JSON carries the
 * documented fields, the CSV has one row per JSON object with the JSON field names as header, and
 * the table is aligned under a header and a rule.
 */
class QueryCommandsTest {
  @TempDir static Path dir;
  static String db;

  @BeforeAll
  static void store() {
    Path p = dir.resolve("q.db");
    new HistoryGenerator()
        .generate(p, GeneratorConfig.of(1_500, Duration.ofDays(9), 3, 11, StoreFixture.NOW), null);
    db = p.toString();
  }

  static Stream<Arguments> commands() {
    String w = "invoice-processing";
    return Stream.of(
        Arguments.of(List.of("stats"), List.of("workflowId", "count", "successRate", "medianMs")),
        Arguments.of(
            List.of("stats", "--by", "step", "--workflow", w),
            List.of("workflowId", "nodeId", "actionType", "p95Ms", "stddevMs")),
        Arguments.of(
            List.of("bottlenecks", "--workflow", w, "--top", "3"),
            List.of("rank", "nodeId", "share", "totalMs")),
        Arguments.of(
            List.of("degradation", "--workflow", w),
            List.of(
                "nodeId",
                "baselineMedianMs",
                "currentMedianMs",
                "changePct",
                "pValue",
                "degraded")),
        Arguments.of(
            List.of("trend", "--workflow", w, "--bucket", "1d"),
            List.of("bucketStart", "count", "medianMs")),
        Arguments.of(
            List.of("anomalies", "--since", "2d", "--sensitivity", "3"),
            List.of(
                "executionId",
                "workflowId",
                "nodeId",
                "metric",
                "value",
                "expected",
                "zScore",
                "severity",
                "description")),
        Arguments.of(
            List.of("success"),
            List.of("workflowId", "executions", "successRate", "stepsSavedBySelfHealing")),
        Arguments.of(
            List.of("success", "--by", "step", "--workflow", w),
            List.of("nodeId", "runs", "successRate", "recoveryRate")),
        Arguments.of(
            List.of("success", "--by", "error"),
            List.of("workflowId", "errorType", "stepErrors", "recovered")),
        Arguments.of(
            List.of("success", "--by", "strategy", "--since", "9d"),
            List.of("strategy", "attempts", "successRate")),
        Arguments.of(
            List.of("success", "--by", "time", "--workflow", w, "--bucket", "12h"),
            List.of("bucketStart", "executions", "successRate")));
  }

  static Stream<Arguments> commandsWithoutWorkflowOption() {
    return Stream.of(
        Arguments.of(
            List.of("live"),
            List.of(
                "executionId",
                "workflowId",
                "startedAt",
                "stepsDone",
                "stepsTotal",
                "progressPct",
                "etaAt",
                "etaLowAt",
                "etaHighAt")));
  }

  static Stream<Arguments> allCommands() {
    return Stream.concat(commands(), commandsWithoutWorkflowOption());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allCommands")
  void jsonCsvAndTableAgree(List<String> command, List<String> fields) throws Exception {
    JsonNode json = Json.mapper().readTree(run(command, "json").out());
    assertThat(json.isArray()).isTrue();
    assertThat(json.size()).isPositive();
    for (String f : fields) {
      assertThat(json.get(0).has(f)).as(f).isTrue();
    }
    CliRun csv = run(command, "csv");
    String[] lines = csv.outLines();
    assertThat(lines).hasSize(json.size() + 1);
    List<String> header = List.of(lines[0].split(","));
    assertThat(header).containsAll(fields);
    Iterator<String> names = json.get(0).fieldNames();
    List<String> jsonNames = new ArrayList<>();
    names.forEachRemaining(jsonNames::add);
    assertThat(jsonNames).containsAll(header);

    CliRun table = run(command, "table");
    String[] rows = table.outLines();
    assertThat(rows.length).isGreaterThanOrEqualTo(json.size() + 2);
    assertThat(rows[1]).matches("[- ]+");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void anUnknownWorkflowIsBadInput(List<String> command) {
    List<String> args = new ArrayList<>(command);
    int i = args.indexOf("--workflow");
    if (i < 0) {
      args.add("--workflow");
      args.add("nope");
    } else {
      args.set(i + 1, "nope");
    }
    args.add("--db");
    args.add(db);
    StatsCommandTest.assertBadInput(CliRun.run(args.toArray(String[]::new)), "unknown workflow");
  }

  static Stream<Arguments> outOfRangeNumbers() {
    String w = "invoice-processing";
    return Stream.of(
        Arguments.of(List.of("summary", "--top", "-1"), "--top must be at least 1"),
        Arguments.of(List.of("summary", "--top", "0"), "--top must be at least 1"),
        Arguments.of(List.of("insights", "--top", "-1"), "--top must be at least 1"),
        Arguments.of(
            List.of("degradation", "--workflow", w, "--min-change", "NaN"), "--min-change"),
        Arguments.of(
            List.of("degradation", "--workflow", w, "--min-change", "Infinity"), "--min-change"),
        Arguments.of(
            List.of("degradation", "--workflow", w, "--min-delta-ms", "NaN"), "--min-delta-ms"),
        Arguments.of(List.of("report", "--format", "json", "--days", "0"), "--days must be"),
        Arguments.of(List.of("report", "--format", "json", "--days", "-3"), "--days must be"),
        Arguments.of(List.of("report", "--format", "json", "--days", "99999"), "--days must be"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRangeNumbers")
  void anOutOfRangeNumberIsBadInputNotADefaultOrACrash(List<String> command, String message) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("--db", db));
    if (command.get(0).equals("report")) {
      args.addAll(List.of("--out", dir.resolve("never-written.json").toString()));
    }
    StatsCommandTest.assertBadInput(CliRun.run(args.toArray(String[]::new)), message);
    assertThat(dir.resolve("never-written.json")).doesNotExist();
  }

  @Test
  void aReportIsNeverWrittenOverTheStoreOrItsWal() throws Exception {
    Path store = dir.resolve("kept.db");
    Files.copy(Path.of(db), store);
    Path link = dir.resolve("link-to-kept.db");
    Files.createSymbolicLink(link, store);
    byte[] before = Files.readAllBytes(store);
    for (String out :
        List.of(
            store.toString(),
            dir.resolve(".").resolve("kept.db").toString(),
            link.toString(),
            store + "-wal")) {
      CliRun r = CliRun.run("report", "--db", store.toString(), "--format", "json", "--out", out);
      StatsCommandTest.assertBadInput(r, "is the store");
    }
    assertThat(Files.readAllBytes(store)).isEqualTo(before);
    assertThat(Path.of(store + "-wal")).doesNotExist();
    assertThat(CliRun.run("stats", "--db", link.toString()).exitCode()).isZero();
  }

  static CliRun run(List<String> command, String format) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("--db", db, "--format", format));
    CliRun r = CliRun.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    return r;
  }
}
