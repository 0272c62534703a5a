package io.rpainsights.sample;

import io.rpainsights.sample.healing.RecoveryContext;
import io.rpainsights.sample.simulation.Fault;
import io.rpainsights.sample.simulation.Lognormal;
import io.rpainsights.sample.vision.Screenshot;
import io.rpainsights.sample.vision.Vision;
import java.util.SplittableRandom;

/** The context of one recovery attempt for the step that a probe follows. */
final class LoopRecoveryContext implements RecoveryContext {

  /** Waits vary a little around what the strategy asks for. */
  private static final double PAUSE_SIGMA = 0.25;

  private final ExecutionLoop loop;
  private final Engine engine;
  private final Strand strand;
  private final StepProbe probe;
  private final int attempt;
  private final boolean duringStep;

  LoopRecoveryContext(
      ExecutionLoop loop,
      Engine engine,
      Strand strand,
      StepProbe probe,
      int attempt,
      boolean duringStep) {
    this.loop = loop;
    this.engine = engine;
    this.strand = strand;
    this.probe = probe;
    this.attempt = attempt;
    this.duringStep = duringStep;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public boolean duringStep() {
    return duringStep;
  }

  @Override
  public Fault fault() {
    return probe.fault();
  }

  @Override
  public SplittableRandom random() {
    return strand.random();
  }

  @Override
  public void pause(double medianMs) {
    engine.sleeper().sleep(new Lognormal(medianMs, PAUSE_SIGMA).sampleMs(strand.random()));
  }

  @Override
  public boolean rerunAction(double persistenceScale) {
    return loop.rerunAction(strand, probe, probe.node(), persistenceScale);
  }

  @Override
  public Screenshot captureScreen(Node node) {
    return Screenshot.capture(node.target(), strand.random());
  }

  @Override
  public Vision vision() {
    return engine.vision();
  }
}
