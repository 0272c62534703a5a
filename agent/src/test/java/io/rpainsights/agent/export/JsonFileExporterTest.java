package io.rpainsights.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpainsights.agent.log.CapturedAgentLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class JsonFileExporterTest {

  @TempDir Path dir;
  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void writesOneFilePerJvmNamedByItsPidAndCreatesTheDirectory() throws Exception {
    Path target = dir.resolve("snapshots/nested");
    JsonFileExporter exporter = new JsonFileExporter(target, 4242);
    exporter.export(Snapshots.withExecutions(12, 40));

    assertThat(exporter.file()).isEqualTo(target.resolve("rpa-insights-4242.json"));
    assertThat(JsonFileExporter.fileFor(target, 4242)).isEqualTo(exporter.file());
    try (Stream<Path> files = Files.list(target)) {
      assertThat(files).containsExactly(exporter.file());
    }
    assertThat(log.text()).isEmpty();
  }

  @Test
  void theFileHoldsTimestampAgentHealthAndEveryMetricAsExposed() throws Exception {
    JsonFileExporter exporter = new JsonFileExporter(dir, 4242);
    exporter.export(Snapshots.withExecutions(12, 40));
    JsonNode root = json.readTree(exporter.file().toFile());

    assertThat(root.get("timestamp").asText()).isEqualTo("2026-11-22T10:00:00.123Z");
    assertThat(root.get("timestampMs").asLong()).isEqualTo(1_795_341_600_123L);
    assertThat(root.at("/agent/version").asText()).isEqualTo("1.0");
    assertThat(root.at("/agent/host").asText()).isEqualTo("bot-7");
    assertThat(root.at("/agent/pid").asLong()).isEqualTo(4242);
    JsonNode health = root.get("health");
    assertThat(health.get("eventsStored").asLong()).isEqualTo(52);
    assertThat(health.get("eventsDropped").asLong()).isEqualTo(3);
    assertThat(health.get("unattributed").asLong()).isEqualTo(1);
    assertThat(health.get("extractorErrors").asLong()).isEqualTo(2);
    assertThat(health.get("storeWriteErrors").asLong()).isZero();
    assertThat(health.get("queueDepth").asLong()).isEqualTo(5);
    assertThat(health.get("queueCapacity").asLong()).isEqualTo(65536);
    assertThat(health.get("labelValuesCapped").asLong()).isZero();

    JsonNode executions = root.at("/metrics/rpa_workflow_executions_total");
    assertThat(executions.get("type").asText()).isEqualTo("counter");
    assertThat(executions.get("help").asText()).isEqualTo("Executions.");
    assertThat(executions.get("points")).hasSize(2);
    JsonNode success = executions.get("points").get(0);
    assertThat(success.get("labels").get("status").asText()).isEqualTo("success");
    assertThat(success.get("value").isIntegralNumber())
        .as("a whole number has no fraction")
        .isTrue();
    assertThat(success.get("value").asLong()).isEqualTo(10);

    JsonNode histogram = root.at("/metrics/rpa_workflow_duration_seconds");
    assertThat(histogram.get("type").asText()).isEqualTo("histogram");
    JsonNode point = histogram.get("points").get(0);
    assertThat(point.get("count").asLong()).isEqualTo(12);
    assertThat(point.get("sum").asDouble()).isEqualTo(1.25);
    assertThat(point.get("value")).as("histograms carry count and sum instead").isNull();
    assertThat(point.at("/buckets/0/le").asDouble()).isEqualTo(0.5);
    assertThat(point.at("/buckets/0/count").asLong()).isEqualTo(1);
    assertThat(point.at("/buckets/1/le").asText()).isEqualTo("+Inf");
    assertThat(point.at("/buckets/1/count").asLong()).isEqualTo(12);

    assertThat(root.at("/metrics/rpa_process_cpu_percent/points/0/value").asDouble())
        .isEqualTo(12.5);
    assertThat(root.at("/metrics/rpa_process_cpu_percent/points/0/labels").size()).isZero();
  }

  @Test
  void eachExportReplacesTheFileAndLeavesNoTemporaryFileBehind() throws Exception {
    JsonFileExporter exporter = new JsonFileExporter(dir, 1);
    for (int i = 1; i <= 5; i++) {
      exporter.export(Snapshots.withExecutions(10 * i, 0));
    }
    JsonNode root = json.readTree(exporter.file().toFile());
    assertThat(root.at("/metrics/rpa_workflow_duration_seconds/points/0/count").asLong())
        .isEqualTo(50);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(exporter.file());
    }
  }

  @Test
  void anUnwritableDirectoryIsLoggedOnceAndNeverThrows() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file");
    JsonFileExporter exporter = new JsonFileExporter(notADirectory, 1);
    exporter.export(Snapshots.withExecutions(1, 1));
    exporter.export(Snapshots.withExecutions(2, 1));

    String text = log.text();
    assertThat(text.split("\n")).hasSize(1);
    assertThat(text)
        .startsWith("[rpa-insights] exporters.json: cannot write " + exporter.file())
        .contains("will try again every interval");
  }

  @Test
  void nonFiniteFiguresAreWrittenAsPrometheusSpellsThem() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    MetricsSnapshot snapshot =
        new MetricsSnapshot(
            0,
            "v",
            "h",
            1,
            new HealthFigures(0, 0, 0, 0, 0, 0, 0, 0),
            java.util.List.of(
                new MetricFamily(
                    "g",
                    MetricFamily.Type.GAUGE,
                    null,
                    java.util.List.of(
                        DataPoint.of(java.util.Map.of("k", "nan"), Double.NaN),
                        DataPoint.of(java.util.Map.of("k", "neg"), Double.NEGATIVE_INFINITY),
                        DataPoint.of(java.util.Map.of("k", "frac"), 0.25)))));
    SnapshotJson.write(snapshot, out);
    JsonNode points = json.readTree(out.toByteArray()).at("/metrics/g/points");
    assertThat(points.get(0).get("value").asText()).isEqualTo("NaN");
    assertThat(points.get(1).get("value").asText()).isEqualTo("-Inf");
    assertThat(points.get(2).get("value").asDouble()).isEqualTo(0.25);
    assertThat(json.readTree(out.toByteArray()).at("/metrics/g/help").asText()).isEmpty();
  }
}
