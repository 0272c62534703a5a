package io.rpainsights.sample.actions;

import io.rpainsights.sample.ExecutionResult;
import io.rpainsights.sample.Node;
import io.rpainsights.sample.StepOutcome;
import io.rpainsights.sample.Workflow;
import io.rpainsights.sample.simulation.Fault;
import io.rpainsights.sample.simulation.FaultKind;
import io.rpainsights.sample.vision.Screenshot;
import io.rpainsights.sample.vision.Vision;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/** An action context with scripted faults and healing, and detectors that do not sleep. */
final class FakeActionContext implements ActionContext {

  private final SplittableRandom random = new SplittableRandom(5);
  private final Deque<FaultKind> faults = new ArrayDeque<>();
  private final Deque<FaultKind> afterHeal = new ArrayDeque<>();
  private final Deque<Boolean> heals = new ArrayDeque<>();
  private int healCalls;
  private int detections;
  // Detectors sleep exactly once per call: counting sleeps counts detections.
  private final Vision vision = Vision.standard(ms -> detections++);

  FakeActionContext faults(FaultKind... kinds) {
    faults.addAll(List.of(kinds));
    return this;
  }

  FakeActionContext afterHeal(FaultKind... kinds) {
    afterHeal.addAll(List.of(kinds));
    return this;
  }

  FakeActionContext heals(Boolean... outcomes) {
    heals.addAll(List.of(outcomes));
    return this;
  }

  int healCalls() {
    return healCalls;
  }

  int detections() {
    return detections;
  }

  @Override
  public void work(Node node) {}

  @Override
  public Fault drawFault(Node node) {
    FaultKind kind = faults.poll();
    return kind == null ? null : new Fault(kind, kind.describe(node.target()), 0.5);
  }

  @Override
  public Fault drawFaultAfterHeal(Node node) {
    FaultKind kind = afterHeal.poll();
    return kind == null ? null : new Fault(kind, kind.describe(node.target()), 0.5);
  }

  @Override
  public Screenshot captureScreen(Node node) {
    return Screenshot.capture(node.target(), random);
  }

  @Override
  public Vision vision() {
    return vision;
  }

  @Override
  public boolean heal(Node node, String error) {
    healCalls++;
    Boolean outcome = heals.poll();
    return outcome != null && outcome;
  }

  @Override
  public ExecutionResult runSubWorkflow(Workflow child) {
    throw new UnsupportedOperationException("no sub-workflows in action unit tests");
  }

  @Override
  public List<StepOutcome> runBranches(List<Node> branches) {
    throw new UnsupportedOperationException("no branches in action unit tests");
  }
}
