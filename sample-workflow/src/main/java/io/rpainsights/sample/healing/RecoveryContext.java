package io.rpainsights.sample.healing;

import io.rpainsights.sample.Node;
import io.rpainsights.sample.simulation.Fault;
import io.rpainsights.sample.vision.Screenshot;
import io.rpainsights.sample.vision.Vision;
import java.util.SplittableRandom;

/**
 * What a recovery strategy may use: the failed step's situation and the means to act on it. A
 * context belongs to one attempt on the thread of the step it tries to save.
 */
public interface RecoveryContext {

  /** 1 for the first attempt on this step, counting attempts made while the step ran. */
  int attempt();

  /** True when the step is still running (it heals itself), false right after it failed. */
  boolean duringStep();

  /** The fault that failed the step, or null when the engine does not know it. */
  Fault fault();

  /** The random of the execution strand that the step belongs to. */
  SplittableRandom random();

  /** Waits, e.g. for a page to settle, for about {@code medianMs} milliseconds. */
  void pause(double medianMs);

  /**
   * Runs the node's action once more, without self-healing and without starting a new step; the
   * previous fault comes back with its persistence times {@code persistenceScale}. Returns whether
   * the re-run succeeded; crashes propagate.
   */
  boolean rerunAction(double persistenceScale);

  Screenshot captureScreen(Node node);

  Vision vision();
}
