package io.rpainsights.agent.instrument;

/**
 * What the recorder keeps per application thread. Confined to its thread: no field is ever read or
 * written by another thread, so none needs to be volatile.
 */
final class ThreadState {

  /** The innermost open execution/step/recovery frame, or null. */
  Frame top;

  /** The innermost open timer frame, or null. */
  TimerFrame topTimer;

  /** The execution a task handed to an executor carried into this thread, or null. */
  ExecutionContext inherited;

  /** Tasks started on this thread that carried a context, innermost first. */
  TaskScope tasks;

  /** The last step that failed on this thread and may still be recovered right after. */
  PendingStep pending;

  /**
   * True while the recorder itself runs code of the application (expression getters): advice that
   * fires meanwhile records nothing, so the agent never records its own extraction.
   */
  boolean busy;

  /**
   * Scratch array that carries the first argument into expressions when the advice passed only that
   * one, so that no array is made per call. Filled for one evaluation at a time (advice that fires
   * while the recorder evaluates records nothing) and emptied again by {@link #release}.
   */
  final Object[] firstArgumentOnly = new Object[1];

  /** A step frame whose record is queued, kept for this thread's next step (one per thread). */
  StepFrame spareStep;

  Object[] firstArgument(Object value) {
    firstArgumentOnly[0] = value;
    return firstArgumentOnly;
  }

  /** Lets go of the application object the scratch array held. */
  void release() {
    firstArgumentOnly[0] = null;
  }

  /** The execution new records on this thread belong to. */
  ExecutionContext currentExecution() {
    return top != null ? top.context() : inherited;
  }

  /** One task run that switched this thread's inherited context. */
  static final class TaskScope {
    final Object task;
    final ExecutionContext previous;
    final TaskScope outer;

    TaskScope(Object task, ExecutionContext previous, TaskScope outer) {
      this.task = task;
      this.previous = previous;
      this.outer = outer;
    }
  }
}
