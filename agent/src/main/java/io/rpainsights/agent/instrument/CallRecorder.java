package io.rpainsights.agent.instrument;

import io.rpainsights.agent.bootstrap.Dispatcher;
import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.collect.EventQueue;
import io.rpainsights.agent.config.Texts;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.RecoveryRecord;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.event.TimerRecord;
import io.rpainsights.agent.log.AgentLog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the calls that inlined advice reports through the bridge into events: it applies
 * DESIGN.md's "one call, one record", outcome and correlation rules and offers the results to the
 * queue.
 *
 * <p>Threading: every method runs on an application thread. Per-thread state lives in a {@link
 * ThreadState} reached through one {@code ThreadLocal} lookup per call; what several threads share
 * (an {@link ExecutionContext}, the set of open executions, task contexts) is lock-free. Nothing
 * here blocks, does I/O or logs except the once-per-incident lines of {@link AgentLog}; a step
 * allocates nothing of its own (its frame is reused, its record is a queue slot's), only whatever
 * the application's getters allocate.
 */
public final class CallRecorder implements Dispatcher {

  /** Token for a call merged into the enclosing record (same rule, same identity). */
  private static final Object MERGED = new Object();

  private static final int MAX_MESSAGE_LENGTH = 2000;

  private static final Object[] NO_ARGUMENTS = new Object[0];

  private final CompiledRule[] rules;
  private final EventQueue queue;
  private final AgentHealth health;
  private final ExecutionIds ids = new ExecutionIds();
  private final TaskContexts tasks = new TaskContexts();
  private final Set<ExecutionContext> open = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<ThreadState> states = ThreadLocal.withInitial(ThreadState::new);

  /**
   * Set once the JVM's shutdown has begun (before the sweep of {@link #abandonOpenExecutions}):
   * executions that start later — in an application's own shutdown hook — are not recorded, since
   * the store is closing and could keep their start but not their end.
   */
  private volatile boolean closing;

  public CallRecorder(
      List<io.rpainsights.agent.config.Rule> rules, EventQueue queue, AgentHealth health) {
    this.rules = new CompiledRule[rules.size()];
    for (int i = 0; i < this.rules.length; i++) {
      this.rules[i] = new CompiledRule(rules.get(i), health);
    }
    this.queue = queue;
    this.health = health;
  }

  /** Executions that started and have not ended yet (for the resource sampler and metrics). */
  public int runningExecutions() {
    return open.size();
  }

  @Override
  public Object enter(int ruleId, Object self, Object[] args) {
    if (ruleId < 0 || ruleId >= rules.length) {
      return null;
    }
    ThreadState state = states.get();
    if (state.busy) {
      return null;
    }
    state.busy = true;
    try {
      return enter(rules[ruleId], state, self, args == null ? NO_ARGUMENTS : args);
    } finally {
      state.busy = false;
    }
  }

  /** The advice of a rule whose expressions read no argument beyond the first: no array. */
  @Override
  public Object enterFirstArgument(int ruleId, Object self, Object firstArgument) {
    if (ruleId < 0 || ruleId >= rules.length) {
      return null;
    }
    ThreadState state = states.get();
    if (state.busy) {
      return null;
    }
    state.busy = true;
    try {
      return enter(rules[ruleId], state, self, state.firstArgument(firstArgument));
    } finally {
      state.release();
      state.busy = false;
    }
  }

  /** The advice of a rule whose expressions read no argument at all. */
  @Override
  public Object enterNoArguments(int ruleId, Object self) {
    return enter(ruleId, self, NO_ARGUMENTS);
  }

  private Object enter(CompiledRule rule, ThreadState state, Object self, Object[] args) {
    switch (rule.role) {
      case EXECUTION:
        return enterExecution(rule, state, self, args);
      case STEP:
        return enterStep(rule, state, self, args);
      case RECOVERY:
        return enterRecovery(rule, state, self, args);
      default:
        return enterTimer(rule, state, self, args);
    }
  }

  @Override
  public void exit(int ruleId, Object token, Object self, Object returned, Throwable thrown) {
    if (!(token instanceof Frame)) {
      return; // MERGED or a foreign value: nothing was opened
    }
    Frame frame = (Frame) token;
    ThreadState state = frame.state;
    state.busy = true;
    try {
      if (frame instanceof StepFrame) {
        exitStep((StepFrame) frame, state, self, returned, thrown);
      } else if (frame instanceof ExecutionFrame) {
        exitExecution((ExecutionFrame) frame, state, self, returned, thrown);
      } else if (frame instanceof RecoveryFrame) {
        exitRecovery((RecoveryFrame) frame, state, self, returned, thrown);
      } else {
        exitTimer((TimerFrame) frame, state, self, returned, thrown);
      }
    } finally {
      state.release();
      state.busy = false;
    }
  }

  // ---- executions

  private Object enterExecution(CompiledRule rule, ThreadState state, Object self, Object[] args) {
    Object identity =
        rule.workflowId == null
            ? rule.defaultWorkflowId
            : rule.workflowId.value(self, args, null, null);
    if (isSameRecord(state, rule, identity)) {
      return MERGED;
    }
    String workflowId = rule.workflowId == null ? null : rule.workflowId.textOf(identity);
    if (workflowId == null) {
      workflowId = rule.defaultWorkflowId;
    }
    Integer stepsTotal =
        rule.totalSteps == null ? null : toInteger(rule.totalSteps.value(self, args, null, null));
    ExecutionContext parent = state.currentExecution();
    long startedAt = System.currentTimeMillis();
    long startNanos = System.nanoTime();
    String executionId = ids.next();
    boolean recorded =
        !closing
            && queue.offer(
                new ExecutionStarted(
                    executionId,
                    workflowId,
                    parent == null || !parent.recorded ? null : parent.executionId,
                    startedAt,
                    stepsTotal));
    ExecutionContext execution =
        new ExecutionContext(
            executionId, workflowId, parent, recorded, startedAt, startNanos, stepsTotal);
    if (recorded) {
      open.add(execution);
      // Shutdown sets closing, then sweeps the open set: if it began after the check above, its
      // sweep may have missed this execution, so it is ended here as that sweep would have.
      if (closing) {
        abandon(execution);
      }
    } else if (closing) {
      AgentLog.warnOnce(
          "started while closing",
          rule.description
              + ": an execution started after the JVM's shutdown began (in a shutdown hook?);"
              + " it is not stored");
    }
    return push(state, new ExecutionFrame(rule, state, identity, args, execution));
  }

  private void exitExecution(
      ExecutionFrame frame, ThreadState state, Object self, Object returned, Throwable thrown) {
    long endNanos = System.nanoTime();
    pop(state, frame);
    ExecutionContext execution = frame.execution;
    settleAllPending(execution, state);
    CompiledRule rule = frame.rule;
    String status = thrown != null ? ExecutionFinished.FAILED : ExecutionFinished.SUCCESS;
    String errorType = thrown != null ? thrown.getClass().getName() : null;
    String errorMessage = null;
    // Reading the outcome runs the application's code; whatever it throws, the execution must
    // still end here, or its row stays running and it stays in the open set.
    try {
      if (thrown != null) {
        errorMessage = messageOf(thrown);
      } else {
        status = executionStatus(rule, self, frame.arguments(), returned);
        if (!ExecutionFinished.SUCCESS.equals(status)) {
          errorType = text(rule.errorType, self, frame.arguments(), returned);
          errorMessage = truncate(text(rule.error, self, frame.arguments(), returned));
        }
      }
    } catch (Throwable unexpected) {
      AgentLog.errorOnce(
          "outcome " + rule.id,
          rule.description + ": reading the outcome failed; recorded as " + status,
          unexpected);
    }
    finish(execution, status, frame.elapsedMs(endNanos), errorType, errorMessage);
    // A worker may have failed a step between the drain above and the finish: it saw the execution
    // still open, so it left the step here (see awaitRecovery). It is a late step now.
    emitAllPending(execution);
  }

  private void finish(
      ExecutionContext execution,
      String status,
      double durationMs,
      String errorType,
      String errorMessage) {
    long tally = execution.finish();
    open.remove(execution);
    if (tally < 0 || !execution.recorded) {
      return;
    }
    int recovered = ExecutionContext.recovered(tally);
    queue.offer(
        new ExecutionFinished(
            execution.executionId,
            execution.workflowId,
            System.currentTimeMillis(),
            durationMs,
            status,
            ExecutionContext.succeeded(tally) + recovered,
            ExecutionContext.failed(tally),
            recovered,
            null,
            errorType,
            errorMessage));
  }

  /** DESIGN: a status of success/failed/timeout decides; else {@code success}; else success. */
  private static String executionStatus(
      CompiledRule rule, Object self, Object[] args, Object returned) {
    if (rule.status != null) {
      String text = rule.status.textOf(rule.status.value(self, args, returned, null));
      if (text != null) {
        String status = text.trim().toLowerCase(Locale.ROOT);
        if (status.equals(ExecutionFinished.SUCCESS)
            || status.equals(ExecutionFinished.FAILED)
            || status.equals(ExecutionFinished.TIMEOUT)) {
          return status;
        }
        // DESIGN lets success decide then, but an engine whose states are named otherwise
        // (COMPLETED, ERROR) would lose every failure unnoticed: say so once.
        AgentLog.warnOnce(
            "status " + rule.id,
            rule.description
                + ": status "
                + rule.status.expression().text()
                + " gave "
                + Texts.quote(text)
                + ", which is none of success, failed, timeout; such executions are decided by"
                + " success (or are successful)");
      }
    }
    return isFalse(successOf(rule, self, args, returned))
        ? ExecutionFinished.FAILED
        : ExecutionFinished.SUCCESS;
  }

  // ---- steps

  private Object enterStep(CompiledRule rule, ThreadState state, Object self, Object[] args) {
    ExecutionContext execution = state.currentExecution();
    if (execution == null) {
      unattributed(rule);
      return null;
    }
    Object identity = rule.nodeId == null ? null : rule.nodeId.value(self, args, null, null);
    if (isSameRecord(state, rule, identity)) {
      return MERGED;
    }
    settlePendingOnThisThread(state, execution);
    String actionType = text(rule.actionType, self, args, null);
    long startNanos = System.nanoTime();
    long startedAt = execution.epochMillisAt(startNanos);
    String nodeId = identity == null ? null : rule.nodeId.textOf(identity);
    StepFrame frame = state.spareStep;
    if (frame != null) {
      state.spareStep = null;
    } else {
      frame = new StepFrame(state);
    }
    frame.reset(
        rule,
        identity,
        startedAt,
        startNanos,
        args,
        execution,
        nodeId,
        actionType,
        execution.nextStepNumber());
    return push(state, frame);
  }

  private void exitStep(
      StepFrame frame, ThreadState state, Object self, Object returned, Throwable thrown) {
    long endNanos = System.nanoTime();
    pop(state, frame);
    double durationMs = frame.elapsedMs(endNanos);
    CompiledRule rule = frame.rule;
    if (thrown != null) {
      awaitRecovery(state, frame, durationMs, thrown.getClass().getName(), messageOf(thrown));
      return;
    }
    if (frame.recoveredDuring) {
      emitStep(frame, StepRecord.RECOVERED, durationMs, null, null);
      recycle(state, frame);
      return;
    }
    if (isFalse(successOf(rule, self, frame.arguments(), returned))) {
      awaitRecovery(
          state,
          frame,
          durationMs,
          text(rule.errorType, self, frame.arguments(), returned),
          truncate(text(rule.error, self, frame.arguments(), returned)));
      return;
    }
    emitStep(frame, StepRecord.SUCCESS, durationMs, null, null);
    recycle(state, frame);
  }

  /**
   * Keeps a step frame whose record is queued (it is referenced by nothing else: only failed steps
   * are held in a PendingStep) for the thread's next step, saving an allocation per step.
   */
  private static void recycle(ThreadState state, StepFrame frame) {
    frame.clear();
    state.spareStep = frame;
  }

  /** A failed step is held back: a recovery right after it may still turn it into recovered. */
  private void awaitRecovery(
      ThreadState state, StepFrame frame, double durationMs, String errorType, String message) {
    PendingStep pending = new PendingStep(frame, durationMs, errorType, message);
    ExecutionContext execution = frame.execution;
    execution.pending.add(pending);
    // A step that ends after its execution (a task the execution did not wait for) has nobody left
    // to settle it. The add above and the finishing thread's mark-then-drain are ordered atomics:
    // either that drain sees this step or this check sees the mark (settle() lets one emit it).
    if (execution.isFinished()) {
      if (pending.settle()) {
        emitFailed(pending);
      }
      return;
    }
    state.pending = pending;
  }

  /** The next step of the same execution on this thread ends the previous failure's chance. */
  private void settlePendingOnThisThread(ThreadState state, ExecutionContext execution) {
    PendingStep pending = state.pending;
    if (pending != null && pending.step.execution == execution) {
      state.pending = null;
      if (pending.settle()) {
        emitFailed(pending);
      }
    }
  }

  private void settleAllPending(ExecutionContext execution, ThreadState state) {
    if (state.pending != null && state.pending.step.execution == execution) {
      state.pending = null;
    }
    emitAllPending(execution);
  }

  private void emitAllPending(ExecutionContext execution) {
    PendingStep pending;
    while ((pending = execution.pending.poll()) != null) {
      if (pending.settle()) {
        emitFailed(pending);
      }
    }
  }

  private void emitFailed(PendingStep pending) {
    emitStep(
        pending.step,
        StepRecord.FAILED,
        pending.durationMs,
        pending.errorType,
        pending.errorMessage);
  }

  private void emitStep(
      StepFrame frame, String status, double durationMs, String errorType, String errorMessage) {
    ExecutionContext execution = frame.execution;
    if (!execution.recorded) {
      health.eventDropped();
      return;
    }
    boolean counted = execution.count(status);
    boolean queued =
        queue.offerStep(
            execution.executionId,
            execution.workflowId,
            frame.nodeId,
            frame.actionType,
            frame.stepNumber,
            frame.startedAt,
            durationMs,
            status,
            errorType,
            errorMessage,
            !counted);
    if (!queued && counted) {
      execution.uncount(status);
    }
  }

  // ---- recoveries

  private Object enterRecovery(CompiledRule rule, ThreadState state, Object self, Object[] args) {
    ExecutionContext execution = state.currentExecution();
    if (execution == null) {
      unattributed(rule);
      return null;
    }
    String nodeId = text(rule.nodeId, self, args, null);
    if (isSameRecord(state, rule, nodeId)) {
      return MERGED;
    }
    return push(
        state,
        new RecoveryFrame(
            rule, state, System.currentTimeMillis(), System.nanoTime(), args, execution, nodeId));
  }

  private void exitRecovery(
      RecoveryFrame frame, ThreadState state, Object self, Object returned, Throwable thrown) {
    long endNanos = System.nanoTime();
    pop(state, frame);
    CompiledRule rule = frame.rule;
    boolean success =
        thrown == null && !isFalse(successOf(rule, self, frame.arguments(), returned));
    String strategy = text(rule.strategy, self, frame.arguments(), returned);
    String errorMessage =
        thrown != null
            ? truncate(thrown.getClass().getName() + ": " + messageOf(thrown))
            : success ? null : truncate(text(rule.error, self, frame.arguments(), returned));
    ExecutionContext execution = frame.execution;
    if (execution.recorded) {
      queue.offer(
          new RecoveryRecord(
              execution.executionId,
              execution.workflowId,
              frame.nodeId,
              strategy,
              success,
              frame.startedAt,
              frame.elapsedMs(endNanos),
              errorMessage));
    } else {
      health.eventDropped();
    }
    if (success) {
      markRecovered(state, frame);
    }
  }

  /**
   * DESIGN: a successful recovery for the same node in the same execution, made while that step is
   * still running or right after it failed, makes the step recovered.
   */
  private void markRecovered(ThreadState state, RecoveryFrame recovery) {
    for (Frame open = recovery.parent; open != null; open = open.parent) {
      if (open instanceof StepFrame) {
        StepFrame step = (StepFrame) open;
        if (step.execution == recovery.execution && sameNode(step.nodeId, recovery.nodeId)) {
          step.recoveredDuring = true;
          return;
        }
      }
    }
    PendingStep pending = state.pending;
    if (pending != null
        && pending.step.execution == recovery.execution
        && sameNode(pending.step.nodeId, recovery.nodeId)
        && pending.settle()) {
      state.pending = null;
      emitStep(
          pending.step,
          StepRecord.RECOVERED,
          pending.durationMs,
          pending.errorType,
          pending.errorMessage);
    }
  }

  /** A recovery rule without a nodeId expression applies to the step it follows or runs in. */
  private static boolean sameNode(String stepNode, String recoveryNode) {
    return recoveryNode == null || recoveryNode.equals(stepNode);
  }

  // ---- timers

  private Object enterTimer(CompiledRule rule, ThreadState state, Object self, Object[] args) {
    TimerFrame outer = state.topTimer;
    if (outer != null && outer.rule == rule && outer.recordAtStart == state.top) {
      return MERGED; // an override or overload of a timed method delegating: one call, one record
    }
    Map<String, String> labels;
    if (rule.labels.length == 0) {
      labels = Collections.emptyMap();
    } else {
      // Labels are read at the start, except those that read the outcome (return.x, thrown.x):
      // those keep their place in the config's order and get their value at the exit.
      labels = new LinkedHashMap<>();
      for (int i = 0; i < rule.labels.length; i++) {
        labels.put(
            rule.labelNames[i],
            rule.labelAtExit[i] ? null : rule.labels[i].text(self, args, null, null));
      }
    }
    TimerFrame frame =
        new TimerFrame(rule, state, System.currentTimeMillis(), System.nanoTime(), args, labels);
    frame.outerTimer = outer;
    frame.recordAtStart = state.top;
    state.topTimer = frame;
    return frame;
  }

  /** As {@link #pop} for the open timers: inner timers left open are dropped with it. */
  private static void popTimer(ThreadState state, TimerFrame frame) {
    for (TimerFrame open = state.topTimer; open != null; open = open.outerTimer) {
      if (open == frame) {
        state.topTimer = frame.outerTimer;
        return;
      }
    }
  }

  private void exitTimer(
      TimerFrame frame, ThreadState state, Object self, Object returned, Throwable thrown) {
    long endNanos = System.nanoTime();
    popTimer(state, frame);
    CompiledRule rule = frame.rule;
    boolean success =
        thrown == null && !isFalse(successOf(rule, self, frame.arguments(), returned));
    String errorType =
        thrown != null
            ? thrown.getClass().getName()
            : success ? null : text(rule.errorType, self, frame.arguments(), returned);
    for (int i = 0; i < rule.labels.length; i++) {
      if (rule.labelAtExit[i]) {
        frame.labels.put(
            rule.labelNames[i], rule.labels[i].text(self, frame.arguments(), returned, thrown));
      }
    }
    Map<String, Double> values;
    if (rule.values.length == 0) {
      values = Collections.emptyMap();
    } else {
      values = new LinkedHashMap<>();
      for (int i = 0; i < rule.values.length; i++) {
        Double number = toDouble(rule.values[i].value(self, frame.arguments(), returned, thrown));
        if (number != null) {
          values.put(rule.valueNames[i], number);
        }
      }
    }
    queue.offer(
        new TimerRecord(
            frame.startedAt,
            rule.timerName,
            frame.labels,
            frame.elapsedMs(endNanos),
            success,
            errorType,
            values));
  }

  // ---- executor context propagation

  @Override
  public void taskSubmitted(Object task) {
    ThreadState state = states.get();
    if (state.busy) {
      return;
    }
    ExecutionContext execution = state.currentExecution();
    if (execution != null && !execution.isFinished()) {
      tasks.put(task, execution);
    } else {
      // The same task object submitted again outside any execution (a reused Runnable) must not
      // carry the execution of its first submission into this run.
      tasks.remove(task);
    }
  }

  @Override
  public void taskStarting(Object task) {
    ExecutionContext execution = tasks.forRun(task);
    if (execution == null) {
      return;
    }
    ThreadState state = states.get();
    state.tasks = new ThreadState.TaskScope(task, state.inherited, state.tasks);
    state.inherited = execution;
  }

  @Override
  public void workerTaskStarting(Object task) {
    ThreadState state = states.get();
    if (state.tasks != null) {
      // A pool worker between two tasks runs no task: scopes still open were left by an
      // afterExecute override that skipped super. Unwound here, the next task does not run in an
      // ended execution's context, and a long-lived worker does not keep a chain of them.
      ThreadState.TaskScope outermost = state.tasks;
      while (outermost.outer != null) {
        outermost = outermost.outer;
      }
      state.inherited = outermost.previous;
      state.tasks = null;
    }
    taskStarting(task);
  }

  @Override
  public void taskFinished(Object task) {
    if (tasks.isEmpty()) {
      return; // no task ever carried a context, so none was pushed on any thread
    }
    ThreadState state = states.get();
    ThreadState.TaskScope scope = state.tasks;
    if (scope != null && scope.task == task) {
      state.inherited = scope.previous;
      state.tasks = scope.outer;
    }
  }

  // ---- shutdown

  /**
   * Ends every execution still open when the JVM shuts down, as failed, so that no row stays {@code
   * running} forever. Called once from the agent's shutdown hook.
   */
  public void abandonOpenExecutions() {
    closing = true;
    for (ExecutionContext execution : open) {
      abandon(execution);
    }
  }

  /** Ends an execution that is still running at shutdown (finish() lets only one end count). */
  private void abandon(ExecutionContext execution) {
    emitAllPending(execution);
    finish(
        execution,
        ExecutionFinished.FAILED,
        (System.nanoTime() - execution.startNanos) / 1_000_000.0,
        "AgentShutdown",
        "the JVM shut down while the execution was running");
  }

  // ---- helpers

  private void unattributed(CompiledRule rule) {
    health.unattributed();
    AgentLog.warnOnce(
        "unattributed " + rule.id,
        rule.description
            + ": a call ran with no workflow execution open on its thread; it is not stored"
            + " (counted as unattributed)");
  }

  /**
   * DESIGN "one call, one record": the same rule re-entered with the same identity, nothing between
   * (no frame and no timer).
   */
  private static boolean isSameRecord(ThreadState state, CompiledRule rule, Object identity) {
    Frame top = state.top;
    return top != null
        && top.rule == rule
        && top.timerAtPush == state.topTimer
        && sameIdentity(top.identity, identity);
  }

  /** The application's equals(); one that throws makes two different records. */
  private static boolean sameIdentity(Object outer, Object inner) {
    try {
      return Objects.equals(outer, inner);
    } catch (Throwable failure) {
      return false;
    }
  }

  private static Frame push(ThreadState state, Frame frame) {
    frame.parent = state.top;
    frame.timerAtPush = state.topTimer;
    state.top = frame;
    return frame;
  }

  /**
   * Removes {@code frame} from its thread's stack. Normally it is the top; if inner frames were
   * left open (their exit never ran), they are dropped with it.
   */
  private static void pop(ThreadState state, Frame frame) {
    for (Frame open = state.top; open != null; open = open.parent) {
      if (open == frame) {
        state.top = frame.parent;
        return;
      }
    }
  }

  /** The {@code success} expression's verdict: TRUE, FALSE, or null when it says nothing. */
  private static Boolean successOf(CompiledRule rule, Object self, Object[] args, Object returned) {
    if (rule.success == null) {
      return null;
    }
    Object value = rule.success.value(self, args, returned, null);
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    String text = rule.success.textOf(value);
    return text == null ? null : "true".equalsIgnoreCase(text.trim());
  }

  private static boolean isFalse(Boolean verdict) {
    return verdict != null && !verdict;
  }

  private static String text(Extractor extractor, Object self, Object[] args, Object returned) {
    return extractor == null ? null : extractor.text(self, args, returned, null);
  }

  /**
   * The exception's message, truncated. {@code getMessage()} may be the application's override and
   * throw (a message formatted from state that is not there): then there is no message.
   */
  private static String messageOf(Throwable thrown) {
    try {
      return truncate(thrown.getMessage());
    } catch (Throwable failure) {
      String type = thrown.getClass().getName();
      AgentLog.errorOnce(
          "getMessage " + type,
          type + ".getMessage() threw; its error message is recorded as null",
          failure);
      return null;
    }
  }

  private static String truncate(String message) {
    if (message == null || message.length() <= MAX_MESSAGE_LENGTH) {
      return message;
    }
    return message.substring(0, MAX_MESSAGE_LENGTH) + "…";
  }

  private static Integer toInteger(Object value) {
    if (value instanceof Number) {
      return ((Number) value).intValue();
    }
    if (value instanceof String) {
      try {
        return Integer.valueOf(((String) value).trim());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return null;
  }

  private static Double toDouble(Object value) {
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof String) {
      try {
        return Double.valueOf(((String) value).trim());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return null;
  }
}
