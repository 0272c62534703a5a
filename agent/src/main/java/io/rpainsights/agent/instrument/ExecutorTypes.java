package io.rpainsights.agent.instrument;

import java.util.Set;

/**
 * The JDK types instrumented to carry an execution's context across threads. Kept apart from the
 * {@link Instrumenter} so that the start-up gate can name them without loading Byte Buddy.
 */
final class ExecutorTypes {

  static final String FUTURE_TASK = "java.util.concurrent.FutureTask";
  static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
  static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
  static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";

  /**
   * Every instrumented JDK type. CompletableFuture's async tasks are ForkJoinTasks, but when the
   * common pool has a parallelism of 1 (two cores) they run on a thread of their own through {@code
   * run()}, never through {@code doExec()}.
   */
  static final Set<String> ALL =
      Set.of(
          FUTURE_TASK,
          THREAD_POOL,
          FORK_JOIN_POOL,
          FORK_JOIN_TASK,
          "java.util.concurrent.CompletableFuture$AsyncRun",
          "java.util.concurrent.CompletableFuture$AsyncSupply",
          "java.util.concurrent.CompletableFuture$Completion");

  private ExecutorTypes() {}
}
