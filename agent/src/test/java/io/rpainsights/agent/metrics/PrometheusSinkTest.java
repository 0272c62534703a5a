package io.rpainsights.agent.metrics;

import static io.rpainsights.agent.metrics.MetricEvents.batch;
import static io.rpainsights.agent.metrics.MetricEvents.finish;
import static io.rpainsights.agent.metrics.MetricEvents.recovery;
import static io.rpainsights.agent.metrics.MetricEvents.start;
import static io.rpainsights.agent.metrics.MetricEvents.step;
import static io.rpainsights.agent.metrics.MetricEvents.timer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.config.AgentConfig;
import io.rpainsights.agent.config.Role;
import io.rpainsights.agent.config.Rule;
import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ResourceSample;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.export.DataPoint;
import io.rpainsights.agent.export.MetricFamily;
import io.rpainsights.agent.export.MetricsSnapshot;
import io.rpainsights.agent.log.CapturedAgentLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrometheusSinkTest {

  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();
  private final AgentHealth health = new AgentHealth();

  private PrometheusSink sink(AgentConfig config) {
    return PrometheusSink.create(config, health, () -> 7, 100, "1.2.3", "bot-1", 42);
  }

  private PrometheusSink sink() {
    return sink(AgentConfig.defaults());
  }

  private List<String> agentLines() {
    List<String> lines = new ArrayList<>();
    for (String line : log.text().split("\n")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void finishedExecutionsAreCountedByWorkflowAndStatus() {
    PrometheusSink sink = sink();
    sink.accept(
        batch(
            start("a1", "invoice"),
            finish("a1", "invoice", ExecutionFinished.SUCCESS, 1200),
            start("a2", "invoice"),
            finish("a2", "invoice", ExecutionFinished.FAILED, 300),
            start("b1", "payroll"),
            finish("b1", "payroll", ExecutionFinished.TIMEOUT, 60_000)));

    MetricsSnapshot snapshot = sink.snapshot();
    MetricFamily executions = snapshot.family("rpa_workflow_executions_total");
    assertThat(executions.type()).isEqualTo(MetricFamily.Type.COUNTER);
    assertThat(value(executions, "workflow", "invoice", "status", "success")).isEqualTo(1);
    assertThat(value(executions, "workflow", "invoice", "status", "failed")).isEqualTo(1);
    assertThat(value(executions, "workflow", "invoice", "status", "timeout")).isZero();
    assertThat(value(executions, "workflow", "payroll", "status", "timeout")).isEqualTo(1);
    assertThat(value(executions, "workflow", "payroll", "status", "success"))
        .as("every status of a known workflow exists from its first execution")
        .isZero();
    assertThat(executions.total()).isEqualTo(3);

    MetricFamily duration = snapshot.family("rpa_workflow_duration_seconds");
    assertThat(duration.type()).isEqualTo(MetricFamily.Type.HISTOGRAM);
    DataPoint invoice = point(duration, "workflow", "invoice");
    assertThat(invoice.count()).isEqualTo(2);
    assertThat(invoice.sum()).isCloseTo(1.5, within(1e-9));
  }

  @Test
  void histogramBucketsCountWhatAnIndependentTallyCounts() {
    PrometheusSink sink = sink();
    SplittableRandom random = new SplittableRandom(3);
    List<Event> events = new ArrayList<>();
    double[] millis = new double[2000];
    for (int i = 0; i < millis.length; i++) {
      // Log-uniform from 0.1 ms to ~2.8 h: every bucket, and beyond the last bound.
      millis[i] = Math.pow(10, random.nextDouble(-1, 7));
      events.add(step("wf", "n", "click", StepRecord.SUCCESS, millis[i]));
    }
    sink.accept(events);

    DataPoint point = point(sink.snapshot().family("rpa_step_duration_seconds"), "workflow", "wf");
    assertThat(point.count()).isEqualTo(millis.length);
    assertThat(point.sum()).isCloseTo(Arrays.stream(millis).sum() / 1000, within(1e-6));
    List<DataPoint.Bucket> buckets = point.buckets();
    assertThat(buckets).hasSize(DurationBuckets.SECONDS.length + 1);
    for (int b = 0; b < DurationBuckets.SECONDS.length; b++) {
      double bound = DurationBuckets.SECONDS[b];
      long expected = Arrays.stream(millis).filter(ms -> ms / 1000 <= bound).count();
      assertThat(buckets.get(b).upperBound()).isEqualTo(bound);
      assertThat(buckets.get(b).cumulativeCount()).as("le=%s", bound).isEqualTo(expected);
    }
    assertThat(buckets.get(buckets.size() - 1).upperBound()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(buckets.get(buckets.size() - 1).cumulativeCount()).isEqualTo(millis.length);
  }

  @Test
  void bucketsSpanMillisecondsToAnHourWithoutAWideGap() {
    double[] bounds = DurationBuckets.SECONDS;
    assertThat(bounds[0]).isEqualTo(0.001);
    assertThat(bounds[bounds.length - 1]).isEqualTo(3600);
    for (int i = 1; i < bounds.length; i++) {
      assertThat(bounds[i] / bounds[i - 1]).as("bound %s", bounds[i]).isBetween(1.2, 3.0);
    }
  }

  @Test
  void runningExecutionsRiseOnStartAndFallOnFinishEvenWhenTheFinishArrivesFirst() {
    PrometheusSink sink = sink();
    sink.accept(batch(start("a", "wf"), start("b", "wf"), start("c", "other-wf")));
    MetricFamily running = sink.snapshot().family("rpa_workflow_executions_running");
    assertThat(value(running, "workflow", "wf")).isEqualTo(2);
    assertThat(value(running, "workflow", "other-wf")).isEqualTo(1);

    // The queue may hand over a finish before its start (lifecycle overflow).
    sink.accept(batch(finish("d", "wf", "success", 5), finish("a", "wf", "success", 5)));
    assertThat(value(sink.snapshot().family("rpa_workflow_executions_running"), "workflow", "wf"))
        .isEqualTo(1);
    sink.accept(batch(start("d", "wf"), finish("b", "wf", "failed", 5)));
    assertThat(value(sink.snapshot().family("rpa_workflow_executions_running"), "workflow", "wf"))
        .isZero();
  }

  @Test
  void stepsAndRecoveriesCarryActionStrategyAndOutcomeButNoNodeByDefault() {
    PrometheusSink sink = sink();
    sink.accept(
        batch(
            step("wf", "n1", "click", StepRecord.SUCCESS, 10),
            step("wf", "n2", "click", StepRecord.RECOVERED, 30),
            step("wf", "n3", "ocr", StepRecord.FAILED, 500),
            step("wf", "n4", null, StepRecord.SUCCESS, 1),
            recovery("wf", "n2", "retry", true, 20),
            recovery("wf", "n3", "retry", false, 40),
            recovery("wf", "n3", "refresh", false, 60)));

    MetricsSnapshot snapshot = sink.snapshot();
    MetricFamily steps = snapshot.family("rpa_step_executions_total");
    assertThat(value(steps, "workflow", "wf", "action", "click", "status", "success")).isEqualTo(1);
    assertThat(value(steps, "workflow", "wf", "action", "click", "status", "recovered"))
        .isEqualTo(1);
    assertThat(value(steps, "workflow", "wf", "action", "click", "status", "failed")).isZero();
    assertThat(value(steps, "workflow", "wf", "action", "ocr", "status", "failed")).isEqualTo(1);
    assertThat(value(steps, "workflow", "wf", "action", "", "status", "success"))
        .as("a step without an action type")
        .isEqualTo(1);
    assertThat(steps.total()).isEqualTo(4);
    for (DataPoint point : steps.points()) {
      assertThat(point.labels()).containsOnlyKeys("workflow", "action", "status");
    }

    MetricFamily recoveries = snapshot.family("rpa_recovery_attempts_total");
    assertThat(value(recoveries, "workflow", "wf", "strategy", "retry", "outcome", "success"))
        .isEqualTo(1);
    assertThat(value(recoveries, "workflow", "wf", "strategy", "retry", "outcome", "failure"))
        .isEqualTo(1);
    assertThat(value(recoveries, "workflow", "wf", "strategy", "refresh", "outcome", "failure"))
        .isEqualTo(1);
    assertThat(value(recoveries, "workflow", "wf", "strategy", "refresh", "outcome", "success"))
        .isZero();
    DataPoint retry = point(snapshot.family("rpa_recovery_duration_seconds"), "strategy", "retry");
    assertThat(retry.count()).isEqualTo(2);
    assertThat(retry.sum()).isCloseTo(0.06, within(1e-9));
  }

  @Test
  void nodeIdsBecomeALabelOnlyWhenConfigured() {
    PrometheusSink sink = sink(AgentConfig.builder().prometheusNodeLabels(true).build());
    sink.accept(
        batch(
            step("wf", "n1", "click", StepRecord.SUCCESS, 10),
            recovery("wf", "n1", "retry", true, 20)));
    MetricsSnapshot snapshot = sink.snapshot();
    assertThat(
            value(
                snapshot.family("rpa_step_executions_total"),
                "workflow",
                "wf",
                "action",
                "click",
                "node",
                "n1",
                "status",
                "success"))
        .isEqualTo(1);
    assertThat(point(snapshot.family("rpa_step_duration_seconds"), "node", "n1").count())
        .isEqualTo(1);
    assertThat(
            value(
                snapshot.family("rpa_recovery_attempts_total"), "node", "n1", "outcome", "success"))
        .isEqualTo(1);
  }

  @Test
  void labelValuesBeyondTheCapBecomeOtherAndNothingIsLost() {
    PrometheusSink sink = sink(AgentConfig.builder().prometheusMaxLabelValues(3).build());
    List<Event> events = new ArrayList<>();
    for (int w = 0; w < 10; w++) {
      for (int run = 0; run < 2; run++) {
        String id = "wf" + w + "-" + run;
        events.add(start(id, "wf" + w));
        events.add(step("wf" + w, "n", "action" + w, StepRecord.SUCCESS, 5));
        events.add(finish(id, "wf" + w, ExecutionFinished.SUCCESS, 10));
      }
    }
    sink.accept(events);

    MetricsSnapshot snapshot = sink.snapshot();
    MetricFamily executions = snapshot.family("rpa_workflow_executions_total");
    assertThat(labelValues(executions, "workflow")).containsExactly("other", "wf0", "wf1", "wf2");
    assertThat(value(executions, "workflow", "other", "status", "success")).isEqualTo(14);
    assertThat(executions.total()).isEqualTo(20);
    MetricFamily steps = snapshot.family("rpa_step_executions_total");
    assertThat(labelValues(steps, "action"))
        .containsExactly("action0", "action1", "action2", "other");
    assertThat(steps.total()).isEqualTo(20);
    assertThat(labelValues(snapshot.family("rpa_workflow_executions_running"), "workflow"))
        .containsExactly("other", "wf0", "wf1", "wf2");
    assertThat(snapshot.family("rpa_workflow_executions_running").total()).isZero();
    // 7 workflows × 2 runs × (start + step + finish) and 7 actions × 2 steps.
    assertThat(snapshot.health().labelValuesCapped()).isEqualTo(7 * 2 * 3 + 7 * 2);
    assertThat(value(snapshot.family("rpa_agent_label_values_capped_total")))
        .isEqualTo(7 * 2 * 3 + 7 * 2);
    assertThat(agentLines())
        .as("one line per capped label")
        .hasSize(2)
        .allMatch(line -> line.startsWith("[rpa-insights] prometheus: label '"))
        .anyMatch(line -> line.contains("'workflow'") && line.contains("reached 3 distinct"))
        .anyMatch(line -> line.contains("'action'"));
  }

  @Test
  void idsFromTheApplicationBecomeBoundedLabelValuesWithoutControlCharacters() {
    PrometheusSink sink =
        sink(AgentConfig.builder().prometheusNodeLabels(true).prometheusMaxLabelValues(3).build());
    String longPrefix = "w".repeat(100_000);
    sink.accept(
        batch(
            start("a", longPrefix + "-a"),
            finish("a", longPrefix + "-a", ExecutionFinished.SUCCESS, 10),
            start("b", longPrefix + "-b"),
            finish("b", longPrefix + "-b", ExecutionFinished.SUCCESS, 10),
            step("nul\u0000wf", "node\r\nid", "act\u0007", StepRecord.SUCCESS, 5),
            timer("t", Map.of(), 1, false, "Bad\u0000Type" + "x".repeat(300), Map.of())));

    MetricsSnapshot snapshot = sink.snapshot();
    TreeSet<String> workflows =
        labelValues(snapshot.family("rpa_workflow_executions_total"), "workflow");
    assertThat(workflows)
        .as("two long ids that share their start stay two series")
        .hasSize(3)
        .contains("nul\uFFFDwf")
        .allMatch(value -> value.codePointCount(0, value.length()) <= 256)
        .filteredOn(value -> value.startsWith("www"))
        .hasSize(2)
        .allMatch(value -> value.matches("w{246}\u2026#[0-9a-f]{8}"));
    DataPoint step = point(snapshot.family("rpa_step_executions_total"), "status", "success");
    assertThat(step.labels())
        .containsEntry("workflow", "nul\uFFFDwf")
        .containsEntry("node", "node\uFFFD\uFFFDid")
        .containsEntry("action", "act\uFFFD");
    assertThat(labelValues(snapshot.family("t_calls_total"), "error_type"))
        .singleElement()
        .asString()
        .startsWith("Bad\uFFFDTypexxx")
        .hasSize(256);
    assertThat(snapshot.health().labelValuesCapped())
        .as("the cap counts the values as exposed")
        .isZero();
  }

  @Test
  void timersExposeCallsDurationAndSummedValuesWithTheirLabels() {
    AgentConfig config =
        AgentConfig.builder()
            .addRule(
                Rule.builder(Role.TIMER, "com.x.*Detector", "detect*")
                    .name("ui_detection")
                    .label("provider", "this.providerName")
                    .label("cache", "return.fromCache")
                    .value("tokens", "return.tokens"))
            .build();
    PrometheusSink sink = sink(config);
    Map<String, String> ocrMiss = labels("provider", "ocr", "cache", "false");
    sink.accept(
        batch(
            timer("ui_detection", ocrMiss, 250, true, null, Map.of("tokens", 100.0)),
            timer("ui_detection", ocrMiss, 750, true, null, Map.of("tokens", 20.5)),
            timer(
                "ui_detection",
                labels("provider", "template", "cache", null),
                5,
                false,
                "java.util.concurrent.TimeoutException",
                Map.of("tokens", -4.0))));

    MetricsSnapshot snapshot = sink.snapshot();
    MetricFamily calls = snapshot.family("ui_detection_calls_total");
    assertThat(
            value(
                calls, "provider", "ocr", "cache", "false", "outcome", "success", "error_type", ""))
        .isEqualTo(2);
    assertThat(
            value(
                calls,
                "provider",
                "template",
                "cache",
                "",
                "outcome",
                "failure",
                "error_type",
                "java.util.concurrent.TimeoutException"))
        .isEqualTo(1);
    DataPoint ocr = point(snapshot.family("ui_detection_duration_seconds"), "provider", "ocr");
    assertThat(ocr.count()).isEqualTo(2);
    assertThat(ocr.sum()).isCloseTo(1.0, within(1e-9));
    assertThat(ocr.labels()).containsOnlyKeys("provider", "cache");
    MetricFamily tokens = snapshot.family("ui_detection_tokens_total");
    assertThat(value(tokens, "provider", "ocr")).isEqualTo(120.5);
    assertThat(value(tokens, "provider", "template"))
        .as("a negative reading cannot go into a counter")
        .isZero();
  }

  @Test
  void aTimerWhoseNameClashesLosesThatMetricOnlyWithOneLine() {
    AgentConfig config =
        AgentConfig.builder()
            .addRule(Rule.builder(Role.TIMER, "com.x.Y", "run").name("rpa_workflow"))
            .build();
    PrometheusSink sink = sink(config);
    sink.accept(
        batch(
            timer("rpa_workflow", Map.of(), 10, true, null, Map.of()),
            finish("e", "wf", ExecutionFinished.SUCCESS, 100)));

    MetricsSnapshot snapshot = sink.snapshot();
    assertThat(value(snapshot.family("rpa_workflow_calls_total"), "outcome", "success"))
        .isEqualTo(1);
    assertThat(point(snapshot.family("rpa_workflow_duration_seconds"), "workflow", "wf").count())
        .as("the agent's own histogram keeps its name")
        .isEqualTo(1);
    assertThat(agentLines())
        .hasSize(1)
        .allMatch(line -> line.contains("rpa_workflow_duration_seconds could not be registered"));
  }

  @Test
  void theAgentsHealthIsReadAtSnapshotTime() {
    PrometheusSink sink = sink();
    health.eventsDropped(5);
    health.eventsWritten(120);
    health.unattributed();
    health.extractorError();
    health.extractorError();
    health.writeError();

    MetricsSnapshot snapshot = sink.snapshot();
    assertThat(value(snapshot.family("rpa_agent_events_dropped_total"))).isEqualTo(5);
    assertThat(value(snapshot.family("rpa_agent_events_stored_total"))).isEqualTo(120);
    assertThat(value(snapshot.family("rpa_agent_unattributed_total"))).isEqualTo(1);
    assertThat(value(snapshot.family("rpa_agent_extractor_errors_total"))).isEqualTo(2);
    assertThat(value(snapshot.family("rpa_agent_store_write_errors_total"))).isEqualTo(1);
    assertThat(value(snapshot.family("rpa_agent_queue_depth"))).isEqualTo(7);
    assertThat(value(snapshot.family("rpa_agent_queue_capacity"))).isEqualTo(100);
    assertThat(value(snapshot.family("rpa_agent_info"), "version", "1.2.3")).isEqualTo(1);
    assertThat(value(snapshot.family("rpa_agent_start_time_seconds")))
        .isCloseTo(System.currentTimeMillis() / 1000.0, within(60.0));
    assertThat(snapshot.health().eventsDropped()).isEqualTo(5);
    assertThat(snapshot.health().eventsStored()).isEqualTo(120);
    assertThat(snapshot.health().queueDepth()).isEqualTo(7);
    assertThat(snapshot.agentVersion()).isEqualTo("1.2.3");
    assertThat(snapshot.host()).isEqualTo("bot-1");
    assertThat(snapshot.pid()).isEqualTo(42);
  }

  @Test
  void resourceGaugesAppearOnlyWithAFigure() {
    PrometheusSink sink = sink();
    assertThat(sink.snapshot().family("rpa_process_cpu_percent")).isNull();

    sink.accept(
        batch(
            new ResourceSample(1L, 12.5, 40.0, 1000L, 500L, 8000L, null, null, null, null, 1),
            new ResourceSample(2L, 20.0, 50.0, 1100L, 600L, 8100L, 4096L, 1024L, null, null, 2),
            new ResourceSample(3L, 30.0, 60.0, 1200L, 700L, 8200L, 100L, 0L, null, null, 0)));

    MetricsSnapshot snapshot = sink.snapshot();
    assertThat(value(snapshot.family("rpa_process_cpu_percent"))).isEqualTo(30);
    assertThat(value(snapshot.family("rpa_system_cpu_percent"))).isEqualTo(60);
    assertThat(value(snapshot.family("rpa_process_resident_memory_bytes"))).isEqualTo(1200);
    assertThat(value(snapshot.family("rpa_jvm_heap_used_bytes"))).isEqualTo(700);
    assertThat(value(snapshot.family("rpa_system_memory_used_bytes"))).isEqualTo(8200);
    assertThat(value(snapshot.family("rpa_process_disk_read_bytes_total"))).isEqualTo(4196);
    assertThat(value(snapshot.family("rpa_process_disk_written_bytes_total"))).isEqualTo(1024);
    assertThat(snapshot.family("rpa_gpu_utilization_percent")).as("no GPU figure").isNull();
    assertThat(snapshot.family("rpa_gpu_memory_used_bytes")).isNull();
  }

  @Test
  void oddEventsNeverMakeTheSinkThrow() {
    PrometheusSink sink = sink();
    sink.accept(
        batch(
            finish(null, null, null, -5),
            start(null, null),
            step(null, null, null, null, Double.NaN),
            recovery(null, null, null, false, -1),
            timer(null, null, 1, true, null, null),
            timer("undeclared_timer", null, 1, true, null, null)));
    MetricsSnapshot snapshot = sink.snapshot();
    assertThat(value(snapshot.family("rpa_workflow_executions_total"), "status", "failed"))
        .as("an unknown status counts as failed")
        .isEqualTo(1);
    assertThat(value(snapshot.family("rpa_step_executions_total"), "status", "failed"))
        .isEqualTo(1);
    assertThat(value(snapshot.family("undeclared_timer_calls_total"), "outcome", "success"))
        .isEqualTo(1);
    assertThat(agentLines()).isEmpty();
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Map<String, String> labels(String... pairs) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      labels.put(pairs[i], pairs[i + 1]);
    }
    return labels;
  }

  /** The one point whose labels include every given pair. */
  static DataPoint point(MetricFamily family, String... pairs) {
    assertThat(family).as("metric family").isNotNull();
    List<DataPoint> matching = new ArrayList<>();
    for (DataPoint point : family.points()) {
      boolean all = true;
      for (int i = 0; i < pairs.length; i += 2) {
        all &= pairs[i + 1].equals(point.label(pairs[i]));
      }
      if (all) {
        matching.add(point);
      }
    }
    assertThat(matching).as("%s points with %s", family.name(), Arrays.toString(pairs)).hasSize(1);
    return matching.get(0);
  }

  static double value(MetricFamily family, String... pairs) {
    return point(family, pairs).value();
  }

  static TreeSet<String> labelValues(MetricFamily family, String label) {
    TreeSet<String> values = new TreeSet<>();
    Map<String, Integer> ignored = new HashMap<>();
    for (DataPoint point : family.points()) {
      values.add(point.label(label));
      ignored.merge(point.label(label), 1, Integer::sum);
    }
    return values;
  }
}
