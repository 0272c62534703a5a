package io.rpainsights.sample.actions;

import io.rpainsights.sample.Node;
import io.rpainsights.sample.StepResult;

/**
 * Performs the work of one action type. An action reports a failure either by returning {@link
 * StepResult#failed} or by throwing an {@link AutomationException}; anything else it throws aborts
 * the execution.
 */
public interface NodeAction {

  /** Runs {@code node}'s action once, using the context for time, faults, vision and healing. */
  StepResult perform(Node node, ActionContext context);
}
