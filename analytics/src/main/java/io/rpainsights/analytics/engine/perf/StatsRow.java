package io.rpainsights.analytics.engine.perf;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rpainsights.analytics.engine.stat.Summary;

/**
 * Statistics of one group of finished executions or steps (DESIGN.md, {@code stats}). Durations in
 * ms; {@code successRate} in 0..1 (steps: completed = success or recovered); duration figures are
 * null when no row of the group carries a duration, {@code stddevMs} also below two rows. In JSON
 * the keys of {@code groupBy} are always present, null where the store holds NULL, and the others
 * are left out.
 */
@JsonPropertyOrder({"workflowId", "nodeId", "actionType", "host"})
public record StatsRow(
    String workflowId,
    @JsonIgnore String nodeId,
    @JsonIgnore String actionType,
    @JsonIgnore String host,
    @JsonIgnore GroupBy groupBy,
    long count,
    double successRate,
    Double avgMs,
    Double medianMs,
    Double p95Ms,
    Double p99Ms,
    Double minMs,
    Double maxMs,
    Double stddevMs) {

  // Whether a key is written depends on the grouping, not on the value (a NULL node_id written
  // by another producer is still the key of its group): a Java null leaves the field out, a
  // NullNode writes it as null.
  @JsonProperty("nodeId")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  JsonNode nodeIdJson() {
    return key(groupBy == GroupBy.STEP, nodeId);
  }

  @JsonProperty("actionType")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  JsonNode actionTypeJson() {
    return key(groupBy != null && groupBy.steps(), actionType);
  }

  @JsonProperty("host")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  JsonNode hostJson() {
    return key(groupBy == GroupBy.HOST, host);
  }

  private static JsonNode key(boolean present, String value) {
    if (!present) {
      return null;
    }
    return value == null ? NullNode.getInstance() : TextNode.valueOf(value);
  }

  static StatsRow of(
      String workflowId,
      String nodeId,
      String actionType,
      String host,
      GroupBy groupBy,
      long count,
      long succeeded,
      Summary s) {
    double rate = count == 0 ? 0 : (double) succeeded / count;
    if (s == null) {
      return new StatsRow(
          workflowId,
          nodeId,
          actionType,
          host,
          groupBy,
          count,
          rate,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }
    return new StatsRow(
        workflowId,
        nodeId,
        actionType,
        host,
        groupBy,
        count,
        rate,
        s.mean(),
        s.median(),
        s.p95(),
        s.p99(),
        s.min(),
        s.max(),
        s.stddev());
  }
}
