package io.rpainsights.analytics.engine.insight;

/**
 * A finding with a recommendation (DESIGN.md, {@code insights}).
 *
 * @param id stable for the same workflow, node, category (and strategy, for recovery insights): the
 *     first 10 hex digits of a SHA-256 of them
 * @param subject what else the insight is about besides the step: the recovery strategy of an
 *     {@code ineffective-recovery} insight (null for the attempts whose strategy is NULL), else
 *     null
 * @param priority {@code impact × ease}, 0..1; {@code priorityReason} says how it came about
 * @param impact the share of the workflow's time (or runs) acting on it could save, 0..1
 * @param ease how easy acting on this category usually is, 0..1
 * @param metric what measures the insight (e.g. {@code medianMs} of the step), with its current
 *     value; the before/after comparison of implemented insights uses it
 * @param status {@code open}, or {@code implemented} once marked with {@code insights implement}
 * @param measuredImpact before/after figures of an implemented insight, else null
 */
public record Insight(
    String id,
    String workflowId,
    String nodeId,
    String subject,
    String category,
    String title,
    String description,
    String recommendation,
    String expectedImpact,
    double priority,
    double impact,
    double ease,
    String priorityReason,
    String metric,
    Double metricValue,
    String status,
    MeasuredImpact measuredImpact) {

  Insight withImplementation(MeasuredImpact measured) {
    return new Insight(
        id,
        workflowId,
        nodeId,
        subject,
        category,
        title,
        description,
        recommendation,
        expectedImpact,
        priority,
        impact,
        ease,
        priorityReason,
        metric,
        metricValue,
        "implemented",
        measured);
  }
}
