package io.rpainsights.sample.simulation;

import java.util.Objects;

/**
 * One step of one workflow that becomes {@code factor} times slower from a fixed fraction of the
 * runs on. The switch is a run <em>index</em>, never a time, so the same arguments always degrade
 * the same executions whatever the thread count.
 */
public record Degradation(String workflowId, String nodeId, double factor, double startFraction) {

  public Degradation {
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(nodeId, "nodeId");
    if (!(factor > 0) || !(startFraction >= 0 && startFraction <= 1)) {
      throw new IllegalArgumentException(
          "degradation needs factor > 0 and 0 <= startFraction <= 1");
    }
  }

  /** The first degraded run index when {@code runs} executions run in all. */
  public int startIndex(int runs) {
    return (int) Math.floor(runs * startFraction);
  }

  public boolean affects(String workflowId, String nodeId) {
    return this.workflowId.equals(workflowId) && this.nodeId.equals(nodeId);
  }
}
