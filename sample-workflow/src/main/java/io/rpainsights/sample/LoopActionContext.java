package io.rpainsights.sample;

import io.rpainsights.sample.actions.ActionContext;
import io.rpainsights.sample.simulation.Fault;
import io.rpainsights.sample.vision.Screenshot;
import io.rpainsights.sample.vision.Vision;
import java.util.List;

/**
 * The context of one attempt of one node's action: the step itself, or a re-run by a recovery
 * strategy (which may not heal, and which may meet the step's previous fault again).
 */
final class LoopActionContext implements ActionContext {

  private final ExecutionLoop loop;
  private final Engine engine;
  private final Strand strand;
  private final StepProbe probe;
  private final boolean healingAllowed;
  private final double persistenceScale;
  private Fault replay;

  LoopActionContext(
      ExecutionLoop loop,
      Engine engine,
      Strand strand,
      StepProbe probe,
      boolean healingAllowed,
      double persistenceScale) {
    this.loop = loop;
    this.engine = engine;
    this.strand = strand;
    this.probe = probe;
    this.healingAllowed = healingAllowed;
    this.persistenceScale = persistenceScale;
    // A re-run meets the fault that failed the step again, as often as that fault persists.
    this.replay = healingAllowed ? null : probe.fault();
  }

  @Override
  public void work(Node node) {
    double ms =
        engine
            .latency()
            .sampleMs(
                strand.workflow().workflowId(),
                node.nodeId(),
                node.actionType(),
                loop.runIndex(),
                strand.random());
    engine.sleeper().sleep(ms);
  }

  @Override
  public Fault drawFault(Node node) {
    Fault fault = null;
    if (replay != null) {
      Fault previous = replay;
      replay = null;
      if (strand.random().nextDouble() < Math.min(1.0, previous.persistence() * persistenceScale)) {
        fault = previous;
      }
    }
    if (fault == null) {
      fault = engine.faults().draw(node.actionType(), node.target(), strand.random());
    }
    if (fault != null) {
      probe.recordFault(fault);
    }
    return fault;
  }

  @Override
  public Fault drawFaultAfterHeal(Node node) {
    Fault fault = engine.faults().drawAfterHeal(node.actionType(), node.target(), strand.random());
    if (fault != null) {
      probe.recordFault(fault);
    }
    return fault;
  }

  @Override
  public Screenshot captureScreen(Node node) {
    return Screenshot.capture(node.target(), strand.random());
  }

  @Override
  public Vision vision() {
    return engine.vision();
  }

  @Override
  public boolean heal(Node node, String error) {
    if (!healingAllowed
        || !engine.healing().canHeal(node)
        || probe.recoveryAttempts() >= engine.scenario().maxRecoveryAttempts()) {
      return false;
    }
    boolean saved = loop.recover(strand, probe, node, error, true).success();
    if (saved) {
      probe.markHealedDuringStep();
    }
    return saved;
  }

  @Override
  public ExecutionResult runSubWorkflow(Workflow child) {
    return loop.executeWorkflow(child);
  }

  @Override
  public List<StepOutcome> runBranches(List<Node> branches) {
    return loop.runBranches(strand, branches);
  }
}
