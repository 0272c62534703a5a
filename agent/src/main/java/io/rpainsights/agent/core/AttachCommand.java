package io.rpainsights.agent.core;

import java.io.File;
import java.util.Properties;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * {@code java -jar rpa-insights-agent.jar attach PID [key=value,...]}: loads the agent into a
 * running JVM (its {@code agentmain}); the argument string is the same as after {@code
 * -javaagent:rpa-insights-agent.jar=}.
 *
 * <p>The target's stderr is where the agent explains itself, and the user running {@code attach}
 * often cannot see it; so the command reads the target's {@link JvmMarks} before and after loading
 * the agent and says plainly whether it was already active, became active, did not start, or cannot
 * write its store (the last two: exit code 1). A process that refuses the first of those reads (not
 * a JVM, or one that does not accept attaching) is reported at once with exit code 1: loading the
 * agent the same way would only wait out the attach timeout a second time.
 */
public final class AttachCommand {

  private static final String USAGE =
      "usage: java -jar rpa-insights-agent.jar attach PID [config=PATH,key=value,...]\n"
          + "   or: java -javaagent:rpa-insights-agent.jar[=config=PATH,key=value,...] -jar app.jar";

  private static final long STORE_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

  private AttachCommand() {}

  /** Runs the command line and returns the process exit code. */
  public static int run(String[] arguments, File agentJar) {
    if (arguments.length == 1
        && (arguments[0].equals("--version") || arguments[0].equals("version"))) {
      String version = AttachCommand.class.getPackage().getImplementationVersion();
      System.out.println(
          "rpa-insights-agent " + (version == null ? "(development build)" : version));
      return 0;
    }
    if (arguments.length == 0 || !arguments[0].equals("attach") || arguments.length > 3) {
      System.err.println(USAGE);
      return arguments.length == 1 && arguments[0].matches("-h|--help|help") ? 0 : 2;
    }
    if (arguments.length < 2 || !arguments[1].matches("\\d+")) {
      System.err.println("[rpa-insights] attach needs the process id of a running JVM\n" + USAGE);
      return 2;
    }
    String pid = arguments[1];
    String agentArguments = arguments.length == 3 ? arguments[2] : null;
    if (!processExists(pid)) {
      return cannotAttach(pid, "no process with this id is running");
    }
    Properties before;
    try {
      before = TargetJvm.systemProperties(pid);
    } catch (TargetJvm.NotAttachable refused) {
      return cannotAttach(pid, reason(refused.getCause()));
    }
    String activeBefore = activeVersion(before);
    if (activeBefore != null) {
      System.out.println(
          "[rpa-insights] the agent ("
              + activeBefore
              + ") is already active in JVM "
              + pid
              + "; nothing was changed (its config applies until that JVM restarts)");
      return 0;
    }
    try {
      ByteBuddyAgent.attach(agentJar, pid, agentArguments);
    } catch (RuntimeException e) {
      return cannotAttach(pid, reason(e));
    }
    Properties after = propertiesOrNull(pid);
    if (after != null && activeVersion(after) == null) {
      // agentmain has returned by now: the start failed or the config disables the agent.
      System.err.println(
          "[rpa-insights] loaded into JVM "
              + pid
              + ", but the agent did not start there: its stderr says why (a config problem,"
              + " or enabled: false); fix it and attach again");
      return 1;
    }
    String store = after == null ? null : awaitStore(pid, after);
    if (store != null && !store.equals("ok")) {
      System.err.println(
          "[rpa-insights] attached to JVM "
              + pid
              + ", but the agent cannot write its store ("
              + store.replaceFirst("^failed: ", "")
              + "): nothing is recorded; fix store.path and restart that JVM");
      return 1;
    }
    System.out.println(
        "[rpa-insights] attached to JVM "
            + pid
            + (after != null && store == null
                ? " (its store is still opening; the target's stderr says if that fails)"
                : ""));
    return 0;
  }

  /**
   * The store opens on the agent's background thread, after {@code agentmain} has returned: wait a
   * little for its mark, or null when it has not come.
   */
  private static String awaitStore(String pid, Properties first) {
    long deadline = System.nanoTime() + STORE_WAIT_NANOS;
    Properties now = first;
    while (true) {
      String store = now == null ? null : now.getProperty(JvmMarks.STORE);
      if (store != null || System.nanoTime() > deadline) {
        return store;
      }
      try {
        Thread.sleep(100); // polling another process: there is nothing to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      now = propertiesOrNull(pid);
    }
  }

  /** After the agent is loaded: a target that no longer answers (it may have exited) is unknown. */
  private static Properties propertiesOrNull(String pid) {
    try {
      return TargetJvm.systemProperties(pid);
    } catch (TargetJvm.NotAttachable gone) {
      return null;
    }
  }

  /** False only when the OS knows no such process, which the attach API could not reach either. */
  private static boolean processExists(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).isPresent();
    } catch (NumberFormatException tooLong) {
      return false;
    }
  }

  private static int cannotAttach(String pid, String reason) {
    System.err.println("[rpa-insights] could not attach to JVM " + pid + ": " + reason);
    return 1;
  }

  /**
   * The innermost cause: Byte Buddy and reflection wrap the attach API's own exception, which is
   * the one that says why (e.g. "... doesn't respond within 10500ms or HotSpot VM not loaded").
   */
  private static String reason(Throwable failure) {
    Throwable innermost = failure;
    for (int depth = 0; depth < 16 && innermost.getCause() != null; depth++) {
      innermost = innermost.getCause();
    }
    return innermost.toString();
  }

  private static String activeVersion(Properties properties) {
    return properties == null ? null : properties.getProperty(JvmMarks.ACTIVE);
  }
}
