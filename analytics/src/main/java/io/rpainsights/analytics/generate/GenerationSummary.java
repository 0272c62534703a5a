package io.rpainsights.analytics.generate;

import java.time.Instant;
import java.util.Set;

/**
 * What {@link HistoryGenerator} wrote, including the ground truth that tests check analyses
 * against: which executions carry a spike, and which step degrades from when.
 */
public record GenerationSummary(
    long executions,
    long steps,
    long recoveries,
    long resources,
    int running,
    Set<String> spikedExecutionIds,
    String degradedWorkflowId,
    String degradedNodeId,
    Instant degradationStart,
    long millis) {}
