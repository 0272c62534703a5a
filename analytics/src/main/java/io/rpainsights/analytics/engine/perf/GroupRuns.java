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
  private String actionType;
  private long actionStart = Long.MAX_VALUE;
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
    // The action type of the earliest run that has one (ties: the smaller name), the same
    // whichever order the groups arrive in.
    if (g.actionType() != null && g.count() > 0) {
      long start = g.earliestStart();
      if (start < actionStart
          || (start == actionStart && g.actionType().compareTo(actionType) < 0)) {
        actionStart = start;
        actionType = g.actionType();
      }
    }
    durations.addAll(g.knownDurationParts());
  }

  String actionType() {
    return actionType;
  }

  Summary summary() {
    return Summary.ofSorted(SortedMerge.merge(durations));
  }

  double meanStepNumber() {
    return count == 0 ? 0 : (double) stepNumberSum / count;
  }
}
