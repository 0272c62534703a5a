package io.rpainsights.analytics.engine.anomaly;

import java.time.Instant;
import java.util.List;

/**
 * One run that was slower than its baseline allows (DESIGN.md, {@code anomalies}).
 *
 * @param nodeId the step, or null when the whole execution is the anomaly
 * @param metric what was measured ({@code durationMs})
 * @param value the run's duration in ms
 * @param expected the baseline median in ms
 * @param zScore the modified z-score on the query's scale
 * @param severity {@code 1 − threshold/|z|}: just over the threshold ≈ 0, twice it 0.5, ten times
 *     it 0.9
 * @param consecutive how many runs of this series in a row (up to this one) were anomalous
 * @param escalated whether {@code consecutive} reached the query's escalation count
 * @param incidentId anomalies within the correlation window of each other share it
 * @param context what else happened meanwhile: resource saturation, the incident's size
 */
public record Anomaly(
    String executionId,
    String workflowId,
    String nodeId,
    String metric,
    double value,
    double expected,
    double zScore,
    double severity,
    String description,
    Instant startedAt,
    double threshold,
    int consecutive,
    boolean escalated,
    String incidentId,
    List<String> context) {}
