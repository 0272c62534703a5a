package io.rpainsights.analytics.cli;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.Expected;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step whose node id is NULL (another producer, or a node id expression that yielded null) is a
 * step of its own: never merged with a step whose node id is the text {@code 'null'}, and reported
 * with a JSON null, as {@code stats --by step} does.
 */
class NullNodeIdTest {
  static final int RUNS = 40;

  @TempDir Path dir;
  Path path;
  String db;

  /** The NULL node's durations (100 and 700 ms alternating) and the 'null' node's (50 ms). */
  final double[] unnamed = new double[RUNS];

  final double[] named = new double[RUNS];
  int namedRecovered;

  @BeforeEach
  void fixture() {
    path = dir.resolve("null-node.db");
    db = path.toString();
    // Half the executions in the degradation baseline (the 7 days before the last day), half in
    // the last day; each window gets 10 runs of 100 ms and 10 of 700 ms of the NULL node.
    try (StoreFixture f = StoreFixture.create(path)) {
      for (int i = 0; i < RUNS; i++) {
        long t =
            i < RUNS / 2
                ? ago(Duration.ofDays(2).plusHours(i))
                : ago(Duration.ofHours(1).plusMinutes(30L * (i - RUNS / 2)));
        String e = "e" + i;
        unnamed[i] = i % 2 == 0 ? 100 : 700;
        named[i] = 50;
        boolean healed = i % 10 == 3;
        if (healed) {
          namedRecovered++;
        }
        f.execution(e, "w", t, 1000.0, "success")
            .step(e, "w", null, "ocr", 1, t, unnamed[i], "success", null)
            .step(
                e,
                "w",
                "null",
                "db",
                2,
                t + 800,
                named[i],
                healed ? "recovered" : "success",
                healed ? "Timeout" : null);
      }
    }
  }

  private JsonNode json(Clock clock, String... command) throws Exception {
    List<String> args = new ArrayList<>(Arrays.asList(command));
    args.addAll(List.of("--db", db, "--format", "json"));
    CliRun r = CliRun.run(clock, args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  private JsonNode json(String... command) throws Exception {
    return json(StoreFixture.CLOCK, command);
  }

  /** The one row whose nodeId is a JSON null. */
  private static JsonNode nullRow(JsonNode rows) {
    List<JsonNode> found =
        StreamSupport.stream(rows.spliterator(), false)
            .filter(n -> n.has("nodeId") && n.get("nodeId").isNull())
            .toList();
    assertThat(found).as("rows with a JSON null nodeId in %s", rows).hasSize(1);
    return found.get(0);
  }

  /** The one row whose nodeId is the text "null". */
  private static JsonNode textRow(JsonNode rows) {
    List<JsonNode> found =
        StreamSupport.stream(rows.spliterator(), false)
            .filter(n -> n.get("nodeId").isTextual() && n.get("nodeId").asText().equals("null"))
            .toList();
    assertThat(found).as("rows with nodeId \"null\" in %s", rows).hasSize(1);
    return found.get(0);
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  @Test
  void bottlenecksKeepTheNullNodeApartFromTheTextNull() throws Exception {
    JsonNode rows = json("bottlenecks", "--workflow", "w");
    assertThat(rows).hasSize(2);
    double total = sum(unnamed) + sum(named); // 16,000 + 2,000 ms
    JsonNode none = nullRow(rows);
    assertThat(none.get("rank").asInt()).isEqualTo(1);
    assertThat(none.get("actionType").asText()).isEqualTo("ocr");
    assertThat(none.get("count").asLong()).isEqualTo(RUNS);
    assertThat(none.get("totalMs").asDouble()).isEqualTo(sum(unnamed));
    assertThat(none.get("share").asDouble()).isCloseTo(sum(unnamed) / total, within(1e-12));
    assertThat(none.get("medianMs").asDouble()).isEqualTo(Expected.r7(unnamed, 0.5)); // 400
    assertThat(none.get("perExecutionMs").asDouble()).isEqualTo(sum(unnamed) / RUNS);
    JsonNode text = textRow(rows);
    assertThat(text.get("rank").asInt()).isEqualTo(2);
    assertThat(text.get("actionType").asText()).isEqualTo("db");
    assertThat(text.get("count").asLong()).isEqualTo(RUNS);
    assertThat(text.get("totalMs").asDouble()).isEqualTo(sum(named));
    assertThat(text.get("medianMs").asDouble()).isEqualTo(Expected.r7(named, 0.5)); // 50
  }

  @Test
  void successByStepKeepsTheNullNodeApartFromTheTextNull() throws Exception {
    JsonNode rows = json("success", "--by", "step", "--workflow", "w");
    assertThat(rows).hasSize(2);
    JsonNode none = nullRow(rows);
    assertThat(none.get("actionType").asText()).isEqualTo("ocr");
    assertThat(none.get("runs").asLong()).isEqualTo(RUNS);
    assertThat(none.get("succeeded").asLong()).isEqualTo(RUNS);
    assertThat(none.get("recovered").asLong()).isZero();
    JsonNode text = textRow(rows);
    assertThat(text.get("actionType").asText()).isEqualTo("db");
    assertThat(text.get("runs").asLong()).isEqualTo(RUNS);
    assertThat(text.get("succeeded").asLong()).isEqualTo(RUNS - namedRecovered); // 36
    assertThat(text.get("recovered").asLong()).isEqualTo(namedRecovered); // 4
    // In step order: the NULL node is step 1.
    assertThat(rows.get(0).get("nodeId").isNull()).isTrue();
  }

  @Test
  void degradationKeepsTheNullNodeApartFromTheTextNull() throws Exception {
    JsonNode rows = json("degradation", "--workflow", "w");
    assertThat(rows).hasSize(2);
    double[] unnamedBaseline = Arrays.copyOfRange(unnamed, 0, RUNS / 2);
    double[] unnamedCurrent = Arrays.copyOfRange(unnamed, RUNS / 2, RUNS);
    JsonNode none = nullRow(rows);
    assertThat(none.get("actionType").asText()).isEqualTo("ocr");
    assertThat(none.get("baselineCount").asLong()).isEqualTo(RUNS / 2);
    assertThat(none.get("currentCount").asLong()).isEqualTo(RUNS / 2);
    assertThat(none.get("baselineMedianMs").asDouble())
        .isEqualTo(Expected.r7(unnamedBaseline, 0.5)); // 400
    assertThat(none.get("currentMedianMs").asDouble())
        .isEqualTo(Expected.r7(unnamedCurrent, 0.5)); // 400
    assertThat(none.get("degraded").asBoolean()).isFalse();
    JsonNode text = textRow(rows);
    assertThat(text.get("actionType").asText()).isEqualTo("db");
    assertThat(text.get("baselineCount").asLong()).isEqualTo(RUNS / 2);
    assertThat(text.get("currentCount").asLong()).isEqualTo(RUNS / 2);
    assertThat(text.get("baselineMedianMs").asDouble()).isEqualTo(50);
    assertThat(text.get("currentMedianMs").asDouble()).isEqualTo(50);
  }

  @Test
  void insightsNameTheNullNodeAsAStepWithoutAnIdAndKeepItApart() throws Exception {
    // By hand: the NULL node takes 16,000 of 18,000 ms of step time (≥ 40 %): a dominant
    // bottleneck. Its p95 (700) is under 2.5 × its median (400) and the 'null' node is constant, so
    // no step is unpredictable (merged, the 80 runs would have a median of 75 and a p95 of 700).
    JsonNode insights = json("insights", "--workflow", "w");
    assertThat(insights).hasSize(1);
    JsonNode i = insights.get(0);
    assertThat(i.get("category").asText()).isEqualTo("dominant-bottleneck");
    assertThat(i.get("nodeId").isNull()).as("nodeId of %s", i).isTrue();
    assertThat(i.get("metricValue").asDouble()).isEqualTo(Expected.r7(unnamed, 0.5));
    double share = sum(unnamed) / (sum(unnamed) + sum(named));
    assertThat(i.get("impact").asDouble()).isCloseTo(share / 2, within(1e-12));
    // 16,000 / 18,000 = 88.9 %.
    assertThat(i.get("title").asText())
        .isEqualTo("The step without a node id takes 89 % of w's step time");
    assertThat(i.get("description").asText())
        .startsWith("Over 40 runs in the last 30 days, the step without a node id (ocr) took")
        .doesNotContain("'null'");
  }

  @Test
  void tablesAndCsvShowTheNullNodeAsStatsDoes() throws Exception {
    String statsCell = nullNodeCell("stats", "--by", "step", "--workflow", "w");
    assertThat(nullNodeCell("bottlenecks", "--workflow", "w")).isEqualTo(statsCell);
    assertThat(nullNodeCell("success", "--by", "step", "--workflow", "w")).isEqualTo(statsCell);
    assertThat(nullNodeCell("degradation", "--workflow", "w")).isEqualTo(statsCell);
  }

  /** The CSV cell of the node id of the row that is not the 'null' node; there must be one. */
  private String nullNodeCell(String... command) {
    List<String> args = new ArrayList<>(Arrays.asList(command));
    args.addAll(List.of("--db", db, "--format", "csv"));
    CliRun r = CliRun.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    String[] lines = r.outLines();
    int column = Arrays.asList(lines[0].split(",", -1)).indexOf("nodeId");
    List<String> cells = new ArrayList<>();
    for (int k = 1; k < lines.length; k++) {
      cells.add(lines[k].split(",", -1)[column]);
    }
    assertThat(cells).as(r.out()).hasSize(2).contains("null");
    cells.remove("null");
    return cells.get(0);
  }

  @Test
  void theHtmlReportsBottleneckChartLabelsTheNullNodeAsItsTablesDo() throws Exception {
    Path out = dir.resolve("report.html");
    CliRun r =
        CliRun.run(
            "report", "--db", db, "--format", "html", "--out", out.toString(), "--since", "30d");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String html = java.nio.file.Files.readString(out);
    int from = html.indexOf("<title>Step bottlenecks: w</title>");
    assertThat(from).as("the bottleneck chart").isPositive();
    String chart = html.substring(from, html.indexOf("</svg>", from));
    // One bar per step: "–" (as the tables show a NULL node id) and the step named 'null'.
    assertThat(chart.split(">–</text>", -1)).hasSize(2);
    assertThat(chart.split(">null</text>", -1)).hasSize(2);
  }

  @Test
  void summaryNamesADegradedNullNodeAsTheTablesDo() {
    // Another store: both steps take 100 ms over the week before the last day and 300 ms in it
    // (10 runs each): both slower, with no overlap.
    Path other = dir.resolve("degraded.db");
    try (StoreFixture f = StoreFixture.create(other)) {
      for (int i = 0; i < 20; i++) {
        long t = i < 10 ? ago(Duration.ofDays(2).plusHours(i)) : ago(Duration.ofHours(1 + i - 10));
        double ms = i < 10 ? 100 : 300;
        String e = "d" + i;
        f.execution(e, "w", t, 1000.0, "success")
            .step(e, "w", null, "ocr", 1, t, ms, "success", null)
            .step(e, "w", "null", "db", 2, t + 400, ms, "success", null);
      }
    }
    CliRun r = CliRun.run("summary", "--db", other.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.outLines())
        .filteredOn(l -> l.startsWith("- w / "))
        .hasSize(2)
        .anySatisfy(l -> assertThat(l).startsWith("- w / –: slower"))
        .anySatisfy(l -> assertThat(l).startsWith("- w / null: slower"));
  }

  @Test
  void anImplementedInsightOfTheNullNodeMeasuresThatNodeAlone() throws Exception {
    String id = json("insights", "--workflow", "w").get(0).get("id").asText();
    CliRun implement = CliRun.run("insights", "implement", id, "--db", db);
    assertThat(implement.exitCode()).as(implement.err()).isZero();
    // After the change: 10 runs of the NULL node at 200 ms, and 10 of the 'null' node at 50 ms,
    // which must not count.
    try (StoreFixture f = StoreFixture.create(path)) {
      for (int k = 0; k < 10; k++) {
        long t = StoreFixture.NOW.toEpochMilli() + Duration.ofMinutes(10 + 10 * k).toMillis();
        String e = "after" + k;
        f.execution(e, "w", t, 1000.0, "success")
            .step(e, "w", null, "ocr", 1, t, 200, "success", null)
            .step(e, "w", "null", "db", 2, t + 800, 50, "success", null);
      }
    }
    Clock later = Clock.fixed(StoreFixture.NOW.plus(Duration.ofHours(5)), ZoneOffset.UTC);
    JsonNode measured = null;
    for (JsonNode n : json(later, "insights", "--workflow", "w")) {
      if (n.get("id").asText().equals(id)) {
        assertThat(n.get("nodeId").isNull()).isTrue();
        measured = n.get("measuredImpact");
      }
    }
    assertThat(measured).as("the implemented insight").isNotNull();
    assertThat(measured.get("runsSince").asLong()).isEqualTo(10);
    assertThat(measured.get("before").asDouble()).isEqualTo(Expected.r7(unnamed, 0.5));
    assertThat(measured.get("after").asDouble()).isEqualTo(200);
  }
}
