package io.rpainsights.sample;

import io.rpainsights.sample.actions.AutomationException;
import io.rpainsights.sample.actions.NodeAction;
import io.rpainsights.sample.healing.RecoveryResult;
import io.rpainsights.sample.simulation.RunInterruptedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs workflows: {@link #executeWorkflow} runs the nodes in order through {@link #executeNode},
 * asks self-healing to save failed steps, and aborts on a required step that stays failed. A node
 * may run a child workflow (a nested execution on the same thread) or fan branches out to the
 * engine's pool (steps of the same execution on other threads).
 *
 * <p>One loop drives one run: its choices come from the run's random, split per nested execution
 * and per branch before any thread is involved, so outcomes never depend on scheduling. The
 * execution a thread is working for is kept on a thread-local stack, as engines keep their
 * execution context.
 */
public final class ExecutionLoop {

  private final Engine engine;
  private final int runIndex;
  private final SplittableRandom runRandom;
  private final ThreadLocal<Deque<Strand>> strands = new ThreadLocal<>();

  ExecutionLoop(Engine engine, int runIndex, SplittableRandom runRandom) {
    this.engine = engine;
    this.runIndex = runIndex;
    this.runRandom = runRandom;
  }

  /**
   * Runs {@code workflow} as one execution (a child of the execution this thread is in, if any). A
   * crash of the automated application propagates; the execution then counts as failed.
   */
  public ExecutionResult executeWorkflow(Workflow workflow) {
    Objects.requireNonNull(workflow, "workflow");
    engine.statistics().executionStarted();
    Strand parent = currentStrand();
    Strand strand =
        Strand.forExecution(workflow, parent == null ? runRandom : parent.random().split());
    push(strand);
    boolean succeeded = false;
    try {
      ExecutionResult result = runNodes(strand);
      succeeded = result.succeeded();
      return result;
    } finally {
      pop();
      engine.statistics().executionEnded(succeeded);
    }
  }

  /**
   * Runs one node's action once, inside the execution this thread is working for. Failures come
   * back as a failed result or an {@link AutomationException}; the calling loop settles the step
   * (recovery included). Must run inside {@link #executeWorkflow} or one of its branches.
   */
  public StepResult executeNode(Node node) {
    Objects.requireNonNull(node, "node");
    Strand strand = currentStrand();
    if (strand == null) {
      throw new IllegalStateException(
          "executeNode(" + node.nodeId() + ") must run inside executeWorkflow");
    }
    engine.statistics().stepStarted();
    StepProbe probe = strand.beginStep(node);
    NodeAction action = engine.actions().forType(node.actionType());
    double sleptBefore = engine.stepLog().sleptOnThisThread();
    try {
      return action.perform(node, new LoopActionContext(this, engine, strand, probe, true, 1.0));
    } finally {
      engine.stepLog().stepEnded(node.nodeId(), sleptBefore);
    }
  }

  int runIndex() {
    return runIndex;
  }

  private ExecutionResult runNodes(Strand strand) {
    String workflowId = strand.workflow().workflowId();
    for (Node node : strand.workflow().nodes()) {
      StepOutcome outcome = runStep(strand, node);
      if (!outcome.completed() && !node.optional()) {
        return strand
            .tally()
            .failed(workflowId, "step " + node.nodeId() + " failed: " + outcome.error());
      }
    }
    return strand.tally().succeeded(workflowId);
  }

  /**
   * Runs one step on the current thread and settles it by the agent's outcome rules: a successful
   * recovery while the step ran makes it recovered unless it then threw; a failed step is offered
   * to self-healing right away, before the next step starts.
   */
  private StepOutcome runStep(Strand strand, Node node) {
    StepResult result;
    try {
      result = executeNode(node);
    } catch (AutomationException failure) {
      return recoverOrFail(strand, node, messageOf(failure));
    } catch (RuntimeException | Error fatal) {
      settle(strand, node, StepOutcome.Kind.FAILED, messageOf(fatal));
      throw fatal;
    }
    if (strand.currentStep().healedDuringStep()) {
      return settle(strand, node, StepOutcome.Kind.RECOVERED, null);
    }
    if (result.success()) {
      return settle(strand, node, StepOutcome.Kind.SUCCEEDED, null);
    }
    return recoverOrFail(strand, node, result.error());
  }

  private StepOutcome recoverOrFail(Strand strand, Node node, String error) {
    StepProbe probe = strand.currentStep();
    boolean saved;
    try {
      saved = recoverAfterFailure(strand, probe, node, error);
    } catch (RuntimeException | Error fatal) {
      settle(strand, node, StepOutcome.Kind.FAILED, error);
      throw fatal;
    }
    return saved
        ? settle(strand, node, StepOutcome.Kind.RECOVERED, null)
        : settle(strand, node, StepOutcome.Kind.FAILED, error);
  }

  private boolean recoverAfterFailure(Strand strand, StepProbe probe, Node node, String error) {
    if (!engine.healing().canHeal(node)) {
      return false;
    }
    while (probe.recoveryAttempts() < engine.scenario().maxRecoveryAttempts()) {
      if (recover(strand, probe, node, error, false).success()) {
        return true;
      }
    }
    return false;
  }

  /** One self-healing attempt for the step that {@code probe} follows. */
  RecoveryResult recover(
      Strand strand, StepProbe probe, Node node, String error, boolean duringStep) {
    int attempt = probe.nextAttempt();
    return engine
        .healing()
        .handleExecutionFailure(
            new LoopRecoveryContext(this, engine, strand, probe, attempt, duringStep), node, error);
  }

  /** Re-runs a node's action for a recovery strategy: no healing, no new step. */
  boolean rerunAction(Strand strand, StepProbe probe, Node node, double persistenceScale) {
    NodeAction action = engine.actions().forType(node.actionType());
    LoopActionContext context =
        new LoopActionContext(this, engine, strand, probe, false, persistenceScale);
    try {
      return action.perform(node, context).success();
    } catch (AutomationException failure) {
      return false;
    }
  }

  /**
   * Runs branches of the execution on {@code strand} in the engine's pool and waits for all of
   * them. Their randoms are split here, in branch order, before any of them starts.
   */
  List<StepOutcome> runBranches(Strand strand, List<Node> branches) {
    List<Strand> branchStrands = new ArrayList<>(branches.size());
    for (int i = 0; i < branches.size(); i++) {
      branchStrands.add(strand.branch(strand.random().split()));
    }
    List<Future<StepOutcome>> futures = new ArrayList<>(branches.size());
    for (int i = 0; i < branches.size(); i++) {
      Strand branch = branchStrands.get(i);
      Node node = branches.get(i);
      futures.add(engine.branchPool().submit(() -> runBranch(branch, node)));
    }
    List<StepOutcome> outcomes = new ArrayList<>(branches.size());
    Throwable fatal = null;
    for (Future<StepOutcome> future : futures) {
      try {
        outcomes.add(future.get());
      } catch (ExecutionException e) {
        fatal = fatal == null ? e.getCause() : fatal;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunInterruptedException();
      }
    }
    if (fatal instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (fatal instanceof Error error) {
      throw error;
    }
    if (fatal != null) {
      throw new IllegalStateException("a branch failed unexpectedly", fatal);
    }
    return outcomes;
  }

  private StepOutcome runBranch(Strand branch, Node node) {
    push(branch);
    try {
      return runStep(branch, node);
    } finally {
      pop();
    }
  }

  private StepOutcome settle(Strand strand, Node node, StepOutcome.Kind kind, String error) {
    engine.statistics().stepSettled(kind);
    strand.tally().add(kind);
    return new StepOutcome(node, kind, error);
  }

  private static String messageOf(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  private Strand currentStrand() {
    Deque<Strand> stack = strands.get();
    return stack == null ? null : stack.peek();
  }

  private void push(Strand strand) {
    Deque<Strand> stack = strands.get();
    if (stack == null) {
      stack = new ArrayDeque<>();
      strands.set(stack);
    }
    stack.push(strand);
  }

  private void pop() {
    Deque<Strand> stack = strands.get();
    stack.pop();
    if (stack.isEmpty()) {
      // Pool threads outlive the run: leave nothing behind on them.
      strands.remove();
    }
  }
}
