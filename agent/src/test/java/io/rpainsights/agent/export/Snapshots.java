package io.rpainsights.agent.export;

import java.util.List;
import java.util.Map;

/** Small snapshots for the exporter tests. */
final class Snapshots {

  private Snapshots() {}

  static MetricsSnapshot withExecutions(long executions, long steps) {
    return new MetricsSnapshot(
        1_795_341_600_123L,
        "1.0",
        "bot-7",
        4242,
        new HealthFigures(steps + executions, 3, 1, 2, 0, 5, 65536, 0),
        List.of(
            new MetricFamily(
                "rpa_step_executions_total",
                MetricFamily.Type.COUNTER,
                "Steps.",
                List.of(DataPoint.of(Map.of("workflow", "w", "status", "success"), steps))),
            new MetricFamily(
                "rpa_workflow_duration_seconds",
                MetricFamily.Type.HISTOGRAM,
                "Durations.",
                List.of(
                    DataPoint.histogram(
                        Map.of("workflow", "w"),
                        executions,
                        1.25,
                        List.of(
                            new DataPoint.Bucket(0.5, 1),
                            new DataPoint.Bucket(Double.POSITIVE_INFINITY, executions))))),
            new MetricFamily(
                "rpa_workflow_executions_total",
                MetricFamily.Type.COUNTER,
                "Executions.",
                List.of(
                    DataPoint.of(Map.of("workflow", "w", "status", "success"), executions - 2),
                    DataPoint.of(Map.of("workflow", "w", "status", "failed"), 2))),
            new MetricFamily(
                "rpa_process_cpu_percent",
                MetricFamily.Type.GAUGE,
                "CPU.",
                List.of(DataPoint.of(Map.of(), 12.5)))));
  }
}
