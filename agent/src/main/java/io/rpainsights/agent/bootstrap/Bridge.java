package io.rpainsights.agent.bootstrap;

/**
 * The one static entry point that advice inlined into application classes calls. It sits on the
 * bootstrap class path so that every class loader resolves it; it depends on nothing but {@code
 * java.*}.
 *
 * <p>Concurrency: {@link #dispatcher} is written once by the agent's start-up thread (and reset to
 * null by tests) and read by every application thread; it is volatile so a thread sees either no
 * dispatcher or a fully constructed one. Until it is set, advice does nothing.
 */
public final class Bridge {

  private static volatile Dispatcher dispatcher;

  /** Set once when the agent is installed; guards against a second attach to the same JVM. */
  private static volatile boolean installed;

  private Bridge() {}

  /** Claims this JVM for the agent; false if an agent instance has already claimed it. */
  public static synchronized boolean claimInstallation() {
    if (installed) {
      return false;
    }
    installed = true;
    return true;
  }

  /** Gives the claim back after a start that installed nothing (a config error, disabled). */
  public static synchronized void releaseInstallation() {
    installed = false;
  }

  public static void setDispatcher(Dispatcher newDispatcher) {
    dispatcher = newDispatcher;
  }

  public static Object enter(int ruleId, Object self, Object[] args) {
    Dispatcher current = dispatcher;
    if (current == null) {
      return null;
    }
    try {
      return current.enter(ruleId, self, args);
    } catch (Throwable ignored) {
      // Never into the host. The dispatcher counts its own failures; this is the last guard.
      return null;
    }
  }

  public static Object enterFirstArgument(int ruleId, Object self, Object firstArgument) {
    Dispatcher current = dispatcher;
    if (current == null) {
      return null;
    }
    try {
      return current.enterFirstArgument(ruleId, self, firstArgument);
    } catch (Throwable ignored) {
      return null;
    }
  }

  public static Object enterNoArguments(int ruleId, Object self) {
    Dispatcher current = dispatcher;
    if (current == null) {
      return null;
    }
    try {
      return current.enterNoArguments(ruleId, self);
    } catch (Throwable ignored) {
      return null;
    }
  }

  public static void exit(
      int ruleId, Object token, Object self, Object returned, Throwable thrown) {
    Dispatcher current = dispatcher;
    if (current == null || token == null) {
      return;
    }
    try {
      current.exit(ruleId, token, self, returned, thrown);
    } catch (Throwable ignored) {
      // Never into the host.
    }
  }

  public static void taskSubmitted(Object task) {
    Dispatcher current = dispatcher;
    if (current == null || task == null) {
      return;
    }
    try {
      current.taskSubmitted(task);
    } catch (Throwable ignored) {
      // Never into the host.
    }
  }

  public static void taskStarting(Object task) {
    Dispatcher current = dispatcher;
    if (current == null || task == null) {
      return;
    }
    try {
      current.taskStarting(task);
    } catch (Throwable ignored) {
      // Never into the host.
    }
  }

  public static void workerTaskStarting(Object task) {
    Dispatcher current = dispatcher;
    if (current == null || task == null) {
      return;
    }
    try {
      current.workerTaskStarting(task);
    } catch (Throwable ignored) {
      // Never into the host.
    }
  }

  public static void taskFinished(Object task) {
    Dispatcher current = dispatcher;
    if (current == null || task == null) {
      return;
    }
    try {
      current.taskFinished(task);
    } catch (Throwable ignored) {
      // Never into the host.
    }
  }
}
