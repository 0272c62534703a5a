package io.rpainsights.sample.actions;

import io.rpainsights.sample.Node;
import io.rpainsights.sample.StepResult;
import io.rpainsights.sample.simulation.Fault;

/**
 * An action whose whole simulated behaviour is its work time and its faults: navigating, typing,
 * reading a field, waiting for a condition, calling an API.
 */
public final class SimpleAction implements NodeAction {

  @Override
  public StepResult perform(Node node, ActionContext context) {
    context.work(node);
    Fault fault = context.drawFault(node);
    return fault == null ? StepResult.ok() : FaultReporting.report(fault);
  }
}
