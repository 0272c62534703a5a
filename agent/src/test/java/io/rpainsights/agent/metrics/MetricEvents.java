package io.rpainsights.agent.metrics;

import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.RecoveryRecord;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.event.TimerRecord;
import java.util.List;
import java.util.Map;

/** Event factories for the metrics tests. */
final class MetricEvents {

  private MetricEvents() {}

  static ExecutionStarted start(String executionId, String workflow) {
    return new ExecutionStarted(executionId, workflow, null, 0L, 3);
  }

  static ExecutionFinished finish(
      String executionId, String workflow, String status, double durationMs) {
    return new ExecutionFinished(
        executionId, workflow, 1L, durationMs, status, 0, 0, 0, 3, null, null);
  }

  static StepRecord step(
      String workflow, String node, String action, String status, double durationMs) {
    return new StepRecord(
        "e1", workflow, node, action, 1, 0L, durationMs, status, null, null, false);
  }

  static RecoveryRecord recovery(
      String workflow, String node, String strategy, boolean success, double durationMs) {
    return new RecoveryRecord("e1", workflow, node, strategy, success, 0L, durationMs, null);
  }

  static TimerRecord timer(
      String name,
      Map<String, String> labels,
      double durationMs,
      boolean success,
      String errorType,
      Map<String, Double> values) {
    return new TimerRecord(0L, name, labels, durationMs, success, errorType, values);
  }

  static List<Event> batch(Event... events) {
    return List.of(events);
  }
}
