package io.rpainsights.analytics.engine.perf;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts a step's runs per action type, to name the step's action type when its runs disagree (an
 * engine that changed a node's action, or another producer): the most frequent one, ties broken by
 * the smaller name, so the answer does not depend on the order rows are read in. Runs without an
 * action type are not counted; null when no run has one. Not thread-safe.
 */
public final class ActionTally {
  private final Map<String, Long> counts = new HashMap<>(4);

  /** Counts {@code runs} runs of {@code actionType} (ignored when null). */
  public void add(String actionType, long runs) {
    if (actionType != null && runs > 0) {
      counts.merge(actionType, runs, Long::sum);
    }
  }

  /** Counts one run of {@code actionType} (ignored when null). */
  public void add(String actionType) {
    add(actionType, 1);
  }

  /** The most frequent action type (ties: the smaller name), or null when none was counted. */
  public String mostFrequent() {
    String best = null;
    long bestCount = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      long n = e.getValue();
      if (n > bestCount || (n == bestCount && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bestCount = n;
      }
    }
    return best;
  }
}
