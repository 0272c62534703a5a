package io.rpainsights.analytics.server;

import io.rpainsights.analytics.store.StoreGoneException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's stderr: one line per internal failure, naming where it happened but not what the
 * failure said (that may quote the store's path or SQL), unless {@code --debug} asked for the
 * message and stack trace. Failures of background work (live polling, warm-up) repeat every tick
 * when the store breaks, so each distinct one is reported at most once a minute.
 */
final class ErrorLog {
  private static final long REPEAT_AFTER_NANOS = 60_000_000_000L;

  private final PrintWriter err;
  private final boolean debug;
  private final Map<String, Long> lastReported = new HashMap<>(); // guarded by this

  ErrorLog(PrintWriter err, boolean debug) {
    this.err = err;
    this.debug = debug;
  }

  /** A request failed with a 500. */
  synchronized void requestFailed(String request, Throwable t) {
    err.println(
        "rpa-insights serve: internal error answering "
            + request
            + (debug ? ": " + t : " (run with --debug for details)"));
    if (debug) {
      t.printStackTrace(err);
    }
    err.flush();
  }

  /** Background work failed; reported once a minute per task and failure type. */
  synchronized void backgroundFailed(String task, Throwable t) {
    String key = task + '\u0000' + t.getClass().getName();
    long now = System.nanoTime();
    Long last = lastReported.get(key);
    if (last != null && now - last < REPEAT_AFTER_NANOS) {
      return;
    }
    lastReported.put(key, now);
    // A store deleted or replaced under the server is the operator's to fix: say so plainly.
    String detail =
        debug
            ? ": " + t
            : t instanceof StoreGoneException
                ? ": " + t.getMessage()
                : " (run with --debug for details)";
    err.println("rpa-insights serve: " + task + " failed" + detail);
    if (debug) {
      t.printStackTrace(err);
    }
    err.flush();
  }

  /** A plain one-line notice. */
  synchronized void notice(String line) {
    err.println("rpa-insights serve: " + line);
    err.flush();
  }
}
