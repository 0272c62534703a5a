package io.rpainsights.agent.bootstrap;

/**
 * What the agent's implementation installs behind the {@link Bridge}. Typed with JDK types only,
 * because this interface lives on the bootstrap class path while its implementation lives in the
 * agent's isolated class loader.
 *
 * <p>Every method is called on application threads from inlined advice; implementations must not
 * throw, block, log or do I/O (the bridge still guards against a throw).
 */
public interface Dispatcher {

  /**
   * A matched method is starting.
   *
   * @param ruleId index of the config rule whose advice was inlined into the method
   * @param self the receiver, or null for a static method
   * @param args the call's arguments (never null; empty for none)
   * @return a token handed back to {@link #exit}, or null when nothing is recorded
   */
  Object enter(int ruleId, Object self, Object[] args);

  /**
   * As {@link #enter(int, Object, Object[])} for advice that passes only the method's first
   * argument (null for a method without parameters), because no expression of the rule reads
   * another: the call makes no argument array.
   */
  default Object enterFirstArgument(int ruleId, Object self, Object firstArgument) {
    return enter(ruleId, self, new Object[] {firstArgument});
  }

  /** As {@link #enter(int, Object, Object[])} for a rule whose expressions read no argument. */
  default Object enterNoArguments(int ruleId, Object self) {
    return enter(ruleId, self, new Object[0]);
  }

  /** The matched method returned ({@code thrown == null}) or threw. */
  void exit(int ruleId, Object token, Object self, Object returned, Throwable thrown);

  /** A task is being handed to an executor on this thread (context capture). */
  void taskSubmitted(Object task);

  /**
   * A thread is about to run {@code task}: if the task was submitted inside an execution, that
   * execution becomes this thread's context until {@link #taskFinished} for the same task.
   */
  void taskStarting(Object task);

  /**
   * As {@link #taskStarting} for a pool worker that is about to run its next task ({@code
   * ThreadPoolExecutor.beforeExecute}): no task of this thread is running at that point, so a
   * context still set from an earlier task is stale (an {@code afterExecute} override that did not
   * call super never announced that task's end) and must not reach this one.
   */
  default void workerTaskStarting(Object task) {
    taskStarting(task);
  }

  /** The run of {@code task} that {@link #taskStarting} announced has ended on this thread. */
  void taskFinished(Object task);
}
