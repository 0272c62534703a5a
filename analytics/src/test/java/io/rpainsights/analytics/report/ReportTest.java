package io.rpainsights.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpainsights.analytics.cli.StatsCommandTestAccess;
import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir static Path dir;
  static Path db;
  static ReportData data;

  @BeforeAll
  static void store() {
    db = dir.resolve("r.db");
    new HistoryGenerator()
        .generate(db, GeneratorConfig.of(2_000, Duration.ofDays(8), 3, 5, StoreFixture.NOW), null);
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      data = new ReportBuilder(a).build(new ReportQuery(List.of(), null, 8));
    }
  }

  @Test
  void summaryAgreesWithTheWorkflowSections() {
    long executions = 0;
    for (ReportData.WorkflowReport w : data.workflows()) {
      executions += w.stats().count();
      long histogram = w.durationHistogram().overflow();
      for (long c : w.durationHistogram().counts()) {
        histogram += c;
      }
      assertThat(histogram).as(w.workflowId()).isEqualTo(w.stats().count());
      long trend = w.trend().stream().mapToLong(p -> p.count()).sum();
      assertThat(trend).as(w.workflowId()).isEqualTo(w.stats().count());
    }
    assertThat(data.summary().executions()).isEqualTo(executions);
    assertThat(data.summary().workflows()).isEqualTo(3);
    assertThat(data.summary().insights()).isEqualTo(data.insights().size()).isPositive();
    assertThat(data.synthetic()).isTrue();
  }

  @Test
  void htmlIsOneSelfContainedFileWithWellFormedSvgCharts() throws Exception {
    String html = Html.render(data);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Top insights").contains("Anomalies");
    assertThat(html)
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("src=");
    List<String> svgs = new ArrayList<>();
    Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
    while (m.find()) {
      svgs.add(m.group());
    }
    // Per workflow: trend, success rate, distribution, bottlenecks.
    assertThat(svgs).hasSize(4 * data.workflows().size());
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    for (String svg : svgs) {
      f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
    for (ReportData.WorkflowReport w : data.workflows()) {
      assertThat(html).contains("<h2>" + w.workflowId() + "</h2>");
    }
  }

  @Test
  void csvHasEverySectionWithAHeaderOfJsonNames() {
    String csv = CsvReport.render(data);
    for (String section :
        List.of(
            "summary",
            "stats",
            "steps",
            "bottlenecks",
            "degradation",
            "trend",
            "success",
            "strategies",
            "anomalies",
            "insights")) {
      assertThat(csv).contains("# " + section + "\r\n");
    }
    String stats = csv.substring(csv.indexOf("# stats\r\n"));
    String[] lines = stats.split("\r\n");
    assertThat(lines[1]).startsWith("workflowId,count,successRate,avgMs,medianMs");
    assertThat(lines[2 + data.workflows().size()]).isEmpty();
  }

  @Test
  void theCommandWritesEachFormatAndRejectsBadInput() throws Exception {
    for (String format : List.of("html", "csv", "json")) {
      Path out = dir.resolve("out/report." + format);
      CliRun r = report(format, out, "--since", "8d");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).startsWith("Wrote " + out);
      assertThat(Files.size(out)).isPositive();
    }
    JsonNode json = Json.mapper().readTree(dir.resolve("out/report.json").toFile());
    assertThat(json.get("workflows").size()).isEqualTo(3);
    assertThat(json.get("insights").get(0).has("priority")).isTrue();
    StatsCommandTestAccess.assertBadInput(report("pdf", dir.resolve("x.pdf")), "--format");
    StatsCommandTestAccess.assertBadInput(
        report("html", dir.resolve("x.html"), "--workflow", "nope"), "unknown workflow");
  }

  @Test
  void degradationAndAnomalyWindowsAnswerAsTheirOwnCommands() throws Exception {
    Path out = dir.resolve("out/windows.json");
    CliRun r =
        report(
            "json",
            out,
            "--since",
            "8d",
            "--current",
            "1d",
            "--anomalies-since",
            "2d",
            "--anomaly-baseline",
            "3d");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode report = Json.mapper().readTree(out.toFile());

    // Degradation: the last day of the 8-day window against the 7 days before it.
    assertThat(report.at("/workflows/0/degradation")).isNotEmpty();
    for (JsonNode workflow : report.get("workflows")) {
      String id = workflow.get("workflowId").asText();
      CliRun own =
          CliRun.run(
              "degradation",
              "--db",
              db.toString(),
              "--workflow",
              id,
              "--baseline",
              "7d",
              "--current",
              "1d",
              "--format",
              "json");
      assertThat(own.exitCode()).as(own.err()).isZero();
      assertThat(workflow.get("degradation")).as(id).isEqualTo(Json.mapper().readTree(own.out()));
    }

    // Anomalies: those of the last 2 days, scored against the 3 days before.
    CliRun own =
        CliRun.run(
            "anomalies",
            "--db",
            db.toString(),
            "--since",
            "2d",
            "--baseline",
            "3d",
            "--format",
            "json");
    assertThat(own.exitCode()).as(own.err()).isZero();
    List<String> expected = anomalyKeys(Json.mapper().readTree(own.out()));
    assertThat(expected).isNotEmpty();
    assertThat(anomalyKeys(report.get("anomalies"))).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aCurrentWindowAsLongAsTheReportIsRejected() {
    StatsCommandTestAccess.assertBadInput(
        report("html", dir.resolve("x.html"), "--since", "2d", "--current", "2d"), "--current");
  }

  private static List<String> anomalyKeys(JsonNode anomalies) {
    List<String> keys = new ArrayList<>();
    for (JsonNode a : anomalies) {
      keys.add(
          a.get("executionId").asText()
              + "/"
              + a.path("nodeId").asText()
              + "/"
              + a.get("metric").asText());
    }
    return keys;
  }

  /** {@code report --db <store> --format FORMAT --out OUT} and any further options. */
  private static CliRun report(String format, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("report", "--db", db.toString(), "--format", format, "--out", out.toString()));
    args.addAll(List.of(more));
    return CliRun.run(args.toArray(new String[0]));
  }
}
