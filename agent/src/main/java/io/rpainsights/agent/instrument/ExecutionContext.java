package io.rpainsights.agent.instrument;

import io.rpainsights.agent.event.StepRecord;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One workflow execution in flight, shared by every thread that works for it (its own thread and
 * executor workers it handed tasks to).
 *
 * <p>Concurrency: identity fields are final. Step numbers come from an atomic counter. The step
 * outcome counters and the "finished" flag share one {@link AtomicLong} so that a step counted by a
 * worker and the execution's end are totally ordered: a step either lands in the counters the
 * finish event reports, or is told it arrived late (and the store adds it to the row itself).
 */
final class ExecutionContext {

  private static final int BITS = 21;
  private static final long MASK = (1L << BITS) - 1;
  private static final int SUCCESS_SHIFT = 0;
  private static final int FAILED_SHIFT = BITS;
  private static final int RECOVERED_SHIFT = 2 * BITS;
  private static final long FINISHED = 1L << 63;

  /** How long after its start an execution's steps take their wall-clock time from its anchor. */
  static final long ANCHOR_NANOS = 60_000_000_000L;

  final String executionId;
  final String workflowId;
  final ExecutionContext parent;

  /** False when the start event was refused (queue full): nothing of this execution is stored. */
  final boolean recorded;

  final long startedAt;
  final long startNanos;
  final Integer stepsTotal;

  private final AtomicInteger stepNumbers = new AtomicInteger();
  private final AtomicLong tally = new AtomicLong();

  /** Failed steps still waiting for a recovery; settled by a recovery, the next step or the end. */
  final ConcurrentLinkedQueue<PendingStep> pending = new ConcurrentLinkedQueue<>();

  ExecutionContext(
      String executionId,
      String workflowId,
      ExecutionContext parent,
      boolean recorded,
      long startedAt,
      long startNanos,
      Integer stepsTotal) {
    this.executionId = executionId;
    this.workflowId = workflowId;
    this.parent = parent;
    this.recorded = recorded;
    this.startedAt = startedAt;
    this.startNanos = startNanos;
    this.stepsTotal = stepsTotal;
  }

  /**
   * The wall-clock time (epoch ms) at {@code nanos} of {@link System#nanoTime()}: the execution's
   * start plus the monotonic time since, which saves a step a wall-clock read (~35 ns on the build
   * machine, a third of its clock reads) and keeps every step at or after its execution's start.
   * Past {@link #ANCHOR_NANOS} from the start the wall clock is read instead, so the drift between
   * the two clocks (at most 500 ppm under NTP slewing) stays below 30 ms.
   */
  long epochMillisAt(long nanos) {
    long sinceStart = nanos - startNanos;
    if (sinceStart >= 0 && sinceStart < ANCHOR_NANOS) {
      return startedAt + sinceStart / 1_000_000L;
    }
    return System.currentTimeMillis();
  }

  int nextStepNumber() {
    return stepNumbers.incrementAndGet();
  }

  /**
   * Adds a finished step to the counters.
   *
   * @return false when the execution had already finished (the step is late)
   */
  boolean count(String status) {
    long delta = 1L << shiftOf(status);
    while (true) {
      long current = tally.get();
      if ((current & FINISHED) != 0) {
        return false;
      }
      if (((current >>> shiftOf(status)) & MASK) == MASK) {
        return true; // saturated: more than two million steps in one execution
      }
      if (tally.compareAndSet(current, current + delta)) {
        return true;
      }
    }
  }

  /** Takes back a count whose event could not be queued (only while not finished). */
  void uncount(String status) {
    long delta = 1L << shiftOf(status);
    while (true) {
      long current = tally.get();
      if ((current & FINISHED) != 0 || ((current >>> shiftOf(status)) & MASK) == 0) {
        return;
      }
      if (tally.compareAndSet(current, current - delta)) {
        return;
      }
    }
  }

  /**
   * Marks the execution finished and returns the final counters (see the accessors below), or -1
   * when it had already been finished (the shutdown hook and the execution's own end may race).
   */
  long finish() {
    long before = tally.getAndUpdate(value -> value | FINISHED);
    return (before & FINISHED) != 0 ? -1 : before;
  }

  boolean isFinished() {
    return (tally.get() & FINISHED) != 0;
  }

  static int succeeded(long tally) {
    return (int) ((tally >>> SUCCESS_SHIFT) & MASK);
  }

  static int failed(long tally) {
    return (int) ((tally >>> FAILED_SHIFT) & MASK);
  }

  static int recovered(long tally) {
    return (int) ((tally >>> RECOVERED_SHIFT) & MASK);
  }

  private static int shiftOf(String status) {
    switch (status) {
      case StepRecord.SUCCESS:
        return SUCCESS_SHIFT;
      case StepRecord.FAILED:
        return FAILED_SHIFT;
      default:
        return RECOVERED_SHIFT;
    }
  }
}
