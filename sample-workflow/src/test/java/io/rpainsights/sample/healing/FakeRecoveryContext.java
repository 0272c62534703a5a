package io.rpainsights.sample.healing;

import io.rpainsights.sample.Node;
import io.rpainsights.sample.simulation.Fault;
import io.rpainsights.sample.vision.Screenshot;
import io.rpainsights.sample.vision.Vision;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A recovery context that records what strategies ask of it; re-runs answer as scripted. */
final class FakeRecoveryContext implements RecoveryContext {

  private final int attempt;
  private final boolean rerunSucceeds;
  private final SplittableRandom random;
  private final List<Double> pauses = new ArrayList<>();
  private final List<Double> rerunScales = new ArrayList<>();
  private int detections;
  private final Vision vision = Vision.standard(ms -> detections++);

  FakeRecoveryContext(int attempt, boolean rerunSucceeds, long seed) {
    this.attempt = attempt;
    this.rerunSucceeds = rerunSucceeds;
    this.random = new SplittableRandom(seed);
  }

  List<Double> pauses() {
    return pauses;
  }

  List<Double> rerunScales() {
    return rerunScales;
  }

  int detections() {
    return detections;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public boolean duringStep() {
    return false;
  }

  @Override
  public Fault fault() {
    return null;
  }

  @Override
  public SplittableRandom random() {
    return random;
  }

  @Override
  public void pause(double medianMs) {
    pauses.add(medianMs);
  }

  @Override
  public boolean rerunAction(double persistenceScale) {
    rerunScales.add(persistenceScale);
    return rerunSucceeds;
  }

  @Override
  public Screenshot captureScreen(Node node) {
    return Screenshot.capture(node.target(), random);
  }

  @Override
  public Vision vision() {
    return vision;
  }
}
