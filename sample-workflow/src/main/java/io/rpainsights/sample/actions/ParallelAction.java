package io.rpainsights.sample.actions;

import io.rpainsights.sample.Node;
import io.rpainsights.sample.StepOutcome;
import io.rpainsights.sample.StepResult;
import java.util.List;

/**
 * Runs the node's branches concurrently and waits for every one (no cancellation: which branches
 * run must not depend on timing). Fails when a required branch failed for good.
 */
public final class ParallelAction implements NodeAction {

  @Override
  public StepResult perform(Node node, ActionContext context) {
    context.work(node);
    List<StepOutcome> outcomes = context.runBranches(node.branches());
    for (StepOutcome outcome : outcomes) {
      if (!outcome.completed() && !outcome.node().optional()) {
        return StepResult.failed(
            "branch " + outcome.node().nodeId() + " failed: " + outcome.error());
      }
    }
    return StepResult.ok();
  }
}
