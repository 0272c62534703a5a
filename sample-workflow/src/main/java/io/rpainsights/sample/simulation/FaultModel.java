package io.rpainsights.sample.simulation;

import java.util.SplittableRandom;

/**
 * Decides which attempts of which steps fail. Implementations draw only from the random they are
 * given, so a run stays reproducible.
 */
public interface FaultModel {

  /**
   * The fault that hits this attempt of a step of {@code actionType} working on {@code target}, or
   * null when it goes through.
   */
  Fault draw(String actionType, String target, SplittableRandom random);

  /**
   * The fault that hits a click right after self-healing found its element again (the element can
   * still be covered), or null.
   */
  Fault drawAfterHeal(String actionType, String target, SplittableRandom random);
}
