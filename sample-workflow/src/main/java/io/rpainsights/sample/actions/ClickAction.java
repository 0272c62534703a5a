package io.rpainsights.sample.actions;

import io.rpainsights.sample.Node;
import io.rpainsights.sample.StepResult;
import io.rpainsights.sample.simulation.Fault;
import io.rpainsights.sample.simulation.FaultKind;

/**
 * Locates an element by template matching and clicks it. When the selector no longer matches, the
 * click heals itself while it runs (self-healing tries another selector); the element it then finds
 * may still be covered, which fails the step after all.
 */
public final class ClickAction implements NodeAction {

  @Override
  public StepResult perform(Node node, ActionContext context) {
    context.work(node);
    context.vision().templates().detectElement(context.captureScreen(node), node.target());
    Fault fault = context.drawFault(node);
    if (fault == null) {
      return StepResult.ok();
    }
    if (fault.kind() != FaultKind.ELEMENT_NOT_FOUND) {
      return FaultReporting.report(fault);
    }
    if (!context.heal(node, fault.message())) {
      throw new ElementNotFoundException(fault.message());
    }
    Fault afterHeal = context.drawFaultAfterHeal(node);
    return afterHeal == null ? StepResult.ok() : FaultReporting.report(afterHeal);
  }
}
