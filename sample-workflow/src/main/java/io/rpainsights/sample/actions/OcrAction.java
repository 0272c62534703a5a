package io.rpainsights.sample.actions;

import io.rpainsights.sample.Node;
import io.rpainsights.sample.StepResult;
import io.rpainsights.sample.simulation.Fault;

/** Captures a region and reads it with the primary OCR; an unreadable scan fails the step. */
public final class OcrAction implements NodeAction {

  @Override
  public StepResult perform(Node node, ActionContext context) {
    context.work(node);
    context.vision().ocr().detectText(context.captureScreen(node));
    Fault fault = context.drawFault(node);
    return fault == null ? StepResult.ok() : FaultReporting.report(fault);
  }
}
