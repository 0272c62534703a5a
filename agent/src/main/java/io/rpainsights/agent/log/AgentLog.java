package io.rpainsights.agent.log;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's only logger: one {@code [rpa-insights] ...} line per incident on stderr. No logging
 * framework (it would clash with the application's), no {@code java.util.logging} (initialising it
 * early fixes the application's LogManager). Stack traces only when {@code debug} is on.
 *
 * <p>Static because advice-adjacent code, the store thread and start-up all report through it and
 * none of them should carry a logger reference for an event this rare. Thread-safe: each line is
 * one {@code println}, incidents are de-duplicated through a concurrent set.
 */
public final class AgentLog {

  public static final String PREFIX = "[rpa-insights] ";

  /** How far {@link #describe} follows causes looking for a message. */
  private static final int MAX_CAUSES = 16;

  private static volatile boolean debug;
  private static volatile PrintStream target;
  private static final ConcurrentHashMap<String, Boolean> REPORTED = new ConcurrentHashMap<>();

  private AgentLog() {}

  /** Turns stack traces on or off (the config's {@code debug}). */
  public static void setDebug(boolean enabled) {
    debug = enabled;
  }

  public static boolean debug() {
    return debug;
  }

  /** Sends lines to {@code stream} instead of {@code System.err}; null restores stderr (tests). */
  public static void redirect(PrintStream stream) {
    target = stream;
  }

  public static void info(String message) {
    print(message, null);
  }

  public static void warn(String message) {
    print(message, null);
  }

  /** One line: the message and the cause's type and message; the stack trace only in debug. */
  public static void error(String message, Throwable cause) {
    print(message + (cause == null ? "" : ": " + describe(cause)), cause);
  }

  /** Logs {@code message} the first time {@code incident} is reported; later reports are silent. */
  public static void warnOnce(String incident, String message) {
    if (firstTime(incident)) {
      warn(message);
    }
  }

  /** Like {@link #error} but once per {@code incident}. */
  public static void errorOnce(String incident, String message, Throwable cause) {
    if (firstTime(incident)) {
      error(message, cause);
    }
  }

  /** True exactly once per incident key for the life of the JVM. */
  public static boolean firstTime(String incident) {
    return REPORTED.putIfAbsent(incident, Boolean.TRUE) == null;
  }

  /** Forgets reported incidents (tests). */
  public static void resetIncidents() {
    REPORTED.clear();
  }

  /** {@code SimpleName: message}, walking to the root cause when the wrapper says nothing. */
  public static String describe(Throwable error) {
    Throwable shown = error;
    try {
      // Bounded: an application's exceptions may form a cycle of causes (initCause only refuses
      // itself), and their getMessage/getCause may be overridden to do anything, throwing included.
      for (int depth = 0; depth < MAX_CAUSES && shown.getMessage() == null; depth++) {
        Throwable cause = shown.getCause();
        if (cause == null) {
          break;
        }
        shown = cause;
      }
      String message = shown.getMessage();
      return shown.getClass().getName() + (message == null ? "" : ": " + message);
    } catch (RuntimeException | LinkageError unreadable) {
      return shown.getClass().getName();
    }
  }

  private static void print(String message, Throwable cause) {
    PrintStream out = target != null ? target : System.err;
    try {
      out.println(PREFIX + message);
      if (cause != null && debug) {
        cause.printStackTrace(out);
      }
    } catch (RuntimeException ignored) {
      // A closed or broken stderr must not become the host's problem.
    }
  }
}
