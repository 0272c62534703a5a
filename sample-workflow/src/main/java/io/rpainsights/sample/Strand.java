package io.rpainsights.sample;

import java.util.SplittableRandom;

/**
 * One thread's share of one execution: the execution itself on the thread that called {@code
 * executeWorkflow}, or one parallel branch on a pool thread. Each strand owns its random, so the
 * choices made on it do not depend on how threads interleave. Confined to its thread, except for
 * the tally, which branches share with their execution.
 */
final class Strand {

  private final Workflow workflow;
  private final SplittableRandom random;
  private final StepTally tally;
  private StepProbe currentStep;

  private Strand(Workflow workflow, SplittableRandom random, StepTally tally) {
    this.workflow = workflow;
    this.random = random;
    this.tally = tally;
  }

  static Strand forExecution(Workflow workflow, SplittableRandom random) {
    return new Strand(workflow, random, new StepTally());
  }

  /** A branch of this execution that draws from its own, pre-split random. */
  Strand branch(SplittableRandom branchRandom) {
    return new Strand(workflow, branchRandom, tally);
  }

  Workflow workflow() {
    return workflow;
  }

  SplittableRandom random() {
    return random;
  }

  StepTally tally() {
    return tally;
  }

  StepProbe beginStep(Node node) {
    currentStep = new StepProbe(node);
    return currentStep;
  }

  /** The probe of the step that started last on this strand. */
  StepProbe currentStep() {
    return currentStep;
  }
}
