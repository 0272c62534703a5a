package io.rpainsights.analytics.report;

/**
 * A value that carries its own kind, for columns whose rows mix kinds (a comparison's metrics):
 * tables humanise it by its kind, CSV writes the raw value.
 */
public record Measure(Kind kind, Object value) {}
