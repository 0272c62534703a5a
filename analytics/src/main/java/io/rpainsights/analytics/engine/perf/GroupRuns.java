package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.engine.stat.SortedMerge;
import io.rpainsights.analytics.engine.stat.Summary;
import io.rpainsights.analytics.store.RunGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * One stats group (a workflow, a step or an action type) built from the store's run groups: how
 * many runs, how many succeeded (steps: completed), their step positions, their action type and
 * their durations, merged once into ascending order for exact percentiles.
 */
final class GroupRuns {
  final String workflowId;
  final String nodeId;
  long count;
  long succeeded;
  long stepNumberSum;
  private final ActionTally actions = new ActionTally();
  private final List<double[]> durations = new ArrayList<>();

  GroupRuns(String workflowId, String nodeId) {
    this.workflowId = workflowId;
    this.nodeId = nodeId;
  }

  void add(RunGroup g, boolean success) {
    count += g.count();
    if (success) {
      succeeded += g.count();
    }
    stepNumberSum += g.stepNumberSum();
    // The most frequent action type (ties: the smaller name), as bottlenecks and degradation
    // name it, the same whichever order the groups arrive in.
    actions.add(g.actionType(), g.count());
    durations.addAll(g.knownDurationParts());
  }

  String actionType() {
    return actions.mostFrequent();
  }

  Summary summary() {
    return Summary.ofSorted(SortedMerge.merge(durations));
  }

  double meanStepNumber() {
    return count == 0 ? 0 : (double) stepNumberSum / count;
  }
}
