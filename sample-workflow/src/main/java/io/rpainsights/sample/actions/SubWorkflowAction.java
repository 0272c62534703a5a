package io.rpainsights.sample.actions;

import io.rpainsights.sample.ExecutionResult;
import io.rpainsights.sample.Node;
import io.rpainsights.sample.StepResult;

/** Runs the node's child workflow as a nested execution; the step fails when the child failed. */
public final class SubWorkflowAction implements NodeAction {

  @Override
  public StepResult perform(Node node, ActionContext context) {
    context.work(node);
    ExecutionResult child = context.runSubWorkflow(node.subWorkflow());
    if (child.succeeded()) {
      return StepResult.ok();
    }
    return StepResult.failed("sub-workflow " + child.workflowId() + " failed: " + child.error());
  }
}
