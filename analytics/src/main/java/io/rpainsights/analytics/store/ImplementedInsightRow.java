package io.rpainsights.analytics.store;

/**
 * One row of {@code analytics_insights_implemented}: an insight someone acted on, with the metric
 * that measures it and its value before.
 */
public record ImplementedInsightRow(
    String insightId,
    String workflowId,
    String nodeId,
    String category,
    String subject,
    String title,
    String metric,
    double beforeValue,
    long implementedAt,
    String note) {}
