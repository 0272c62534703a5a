package io.rpainsights.analytics.engine.insight;

import io.rpainsights.analytics.store.ImplementedInsightRow;

/**
 * What {@link InsightGenerator#implement} did: the insight's record, and whether it was already
 * there (then it is the first record, unchanged) rather than written now.
 */
public record Implementation(ImplementedInsightRow row, boolean alreadyRecorded) {}
