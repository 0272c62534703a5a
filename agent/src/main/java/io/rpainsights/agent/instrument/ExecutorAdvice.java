package io.rpainsights.agent.instrument;

import io.rpainsights.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Advice for the JDK's executors, which carries an execution's context to the threads that run the
 * tasks it hands off: the submitting side registers the task object, the running side looks it up.
 * Tasks are never wrapped or replaced, so the application sees exactly its own objects.
 */
final class ExecutorAdvice {

  private ExecutorAdvice() {}

  /**
   * A task object is created on the submitting thread (FutureTask and ForkJoinTask constructors;
   * the latter include the adapters pools wrap plain Runnables and Callables in).
   */
  static final class TaskCreated {
    private TaskCreated() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object task) {
      Bridge.taskSubmitted(task);
    }
  }

  /** The first argument is handed to an executor (execute / submit / invoke). */
  static final class TaskArgumentSubmitted {
    private TaskArgumentSubmitted() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object task) {
      Bridge.taskSubmitted(task);
    }
  }

  /** The receiver runs on this thread (FutureTask.run, ForkJoinTask.doExec). */
  static final class TaskRuns {
    private TaskRuns() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object task) {
      Bridge.taskStarting(task);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object task) {
      Bridge.taskFinished(task);
    }
  }

  /**
   * ThreadPoolExecutor.beforeExecute(Thread, Runnable): the worker is about to run arg 1. Called at
   * the top of the worker's loop, where nothing of an earlier task may still be in effect.
   */
  static final class BeforeExecute {
    private BeforeExecute() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(1) Object task) {
      Bridge.workerTaskStarting(task);
    }
  }

  /** ThreadPoolExecutor.afterExecute(Runnable, Throwable): the worker has run arg 0. */
  static final class AfterExecute {
    private AfterExecute() {}

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Argument(0) Object task) {
      Bridge.taskFinished(task);
    }
  }
}
