package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exporters.json.dir} without Prometheus: the agent keeps {@code rpa-insights-<pid>.json}
 * current while the bot runs and leaves the run's final figures in it when the JVM ends.
 */
class JsonSnapshotIT {

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theSnapshotFileIsKeptCurrentAndEndsWithTheRunsFigures() throws Exception {
    Path snapshots = dir.resolve("snapshots");
    ForkedJvm jvm =
        LingeringRun.jvm(dir, "--runs", "50", "--threads", "2", "--seed", "21")
            .withAgent("config=" + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath())
            .property("rpa.insights.store.path", dir.resolve("s.db").toString())
            .property("rpa.insights.collector.flushIntervalMs", "100")
            .property("rpa.insights.exporters.json.dir", snapshots.toString())
            .property("rpa.insights.exporters.json.intervalMs", "100");
    try (LingeringRun run = LingeringRun.start(jvm, dir)) {
      Path file = snapshots.resolve("rpa-insights-" + run.pid() + ".json");
      long executions = run.summary("executions");
      AtomicReference<JsonNode> seen = new AtomicReference<>();
      // Periodic exports, while the JVM is still running.
      run.await(
          () -> {
            seen.set(read(file));
            return seen.get() != null
                && total(seen.get(), "rpa_workflow_executions_total") == executions;
          },
          30,
          "a periodic snapshot with every execution");
      assertThat(seen.get().at("/agent/pid").asLong()).isEqualTo(run.pid());
      assertThat(run.finish()).isZero();
      assertThat(run.agentLines()).as(run.toString()).hasSize(1);

      JsonNode last = read(file);
      assertThat(last.get("timestampMs").asLong())
          .isGreaterThanOrEqualTo(seen.get().get("timestampMs").asLong());
      assertThat(total(last, "rpa_workflow_executions_total")).isEqualTo(executions);
      assertThat(total(last, "rpa_workflow_executions_total", "status", "success"))
          .isEqualTo(run.summary("success"));
      assertThat(total(last, "rpa_workflow_executions_total", "status", "failed"))
          .isEqualTo(run.summary("failed"));
      assertThat(total(last, "rpa_step_executions_total")).isEqualTo(run.summary("steps"));
      assertThat(total(last, "rpa_step_executions_total", "status", "recovered"))
          .isEqualTo(run.summary("recoveredSteps"));
      assertThat(total(last, "rpa_recovery_attempts_total")).isEqualTo(run.summary("recoveries"));
      assertThat(total(last, "rpa_workflow_executions_running")).isZero();
      JsonNode durations = last.at("/metrics/rpa_workflow_duration_seconds");
      assertThat(durations.get("type").asText()).isEqualTo("histogram");
      long counted = 0;
      for (JsonNode point : durations.get("points")) {
        JsonNode buckets = point.get("buckets");
        JsonNode inf = buckets.get(buckets.size() - 1);
        assertThat(inf.get("le").asText()).isEqualTo("+Inf");
        assertThat(inf.get("count").asLong()).isEqualTo(point.get("count").asLong());
        counted += point.get("count").asLong();
      }
      assertThat(counted).isEqualTo(executions);
      JsonNode health = last.get("health");
      assertThat(health.get("eventsDropped").asLong()).isZero();
      assertThat(health.get("eventsStored").asLong())
          .isGreaterThanOrEqualTo(2 * executions + run.summary("steps"));
      assertThat(health.get("queueDepth").asLong()).isZero();
      assertThat(last.at("/agent/version").asText()).isEqualTo("0.1.0-SNAPSHOT");
      try (Stream<Path> files = Files.list(snapshots)) {
        assertThat(files.collect(Collectors.toList()))
            .as("one file, no temporary left behind")
            .containsExactly(file);
      }
    }
  }

  private JsonNode read(Path file) {
    try {
      return Files.exists(file) ? json.readTree(file.toFile()) : null;
    } catch (Exception partial) {
      throw new AssertionError("the snapshot must always be whole JSON: " + file, partial);
    }
  }

  /** Sum of a counter's points whose labels include the pairs. */
  private static long total(JsonNode snapshot, String metric, String... pairs) {
    JsonNode family = snapshot.at("/metrics/" + metric);
    if (family.isMissingNode()) {
      return 0;
    }
    double sum = 0;
    for (JsonNode point : family.get("points")) {
      boolean all = true;
      for (int i = 0; i < pairs.length; i += 2) {
        all &= pairs[i + 1].equals(point.at("/labels/" + pairs[i]).asText(null));
      }
      if (all) {
        sum += point.get("value").asDouble();
      }
    }
    return (long) sum;
  }
}
