package io.rpainsights.analytics.store;

/**
 * How many self-healing attempts of one workflow, node and strategy with one outcome started in a
 * window ({@link StoreReader#recoveryCounts}).
 */
public record RecoveryCount(
    String workflowId, String nodeId, String strategy, boolean success, long count) {}
