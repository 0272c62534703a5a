package io.rpainsights.sample.actions;

import io.rpainsights.sample.ExecutionResult;
import io.rpainsights.sample.Node;
import io.rpainsights.sample.StepOutcome;
import io.rpainsights.sample.Workflow;
import io.rpainsights.sample.simulation.Fault;
import io.rpainsights.sample.vision.Screenshot;
import io.rpainsights.sample.vision.Vision;
import java.util.List;

/**
 * What an action may use while it runs: the simulated world (time, faults, screen captures), the
 * vision detectors, in-step self-healing, and the engine for sub-workflows and parallel branches. A
 * context belongs to one attempt on one thread.
 */
public interface ActionContext {

  /** Spends the node's modelled work time. */
  void work(Node node);

  /** The fault that hits this attempt, or null when it goes through. */
  Fault drawFault(Node node);

  /** The fault that hits a click right after in-step healing found its element, or null. */
  Fault drawFaultAfterHeal(Node node);

  /** Captures the region the node works on. */
  Screenshot captureScreen(Node node);

  Vision vision();

  /**
   * Asks self-healing to save this step while it is still running (one attempt). False when it
   * failed, or when healing is not allowed here (e.g. while a recovery re-runs the action).
   */
  boolean heal(Node node, String error);

  /** Runs {@code child} as a nested execution on this thread and returns how it ended. */
  ExecutionResult runSubWorkflow(Workflow child);

  /**
   * Runs each branch as a step of the current execution on the engine's thread pool, waits for all
   * of them, and returns their outcomes in branch order.
   */
  List<StepOutcome> runBranches(List<Node> branches);
}
