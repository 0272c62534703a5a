package io.rpainsights.sample;

import io.rpainsights.sample.simulation.Sleeper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code --step-log FILE}: one line per step, {@code <nodeId> <ms>}, with the simulated work the
 * step's own thread spent inside it. A recorder that times steps must never report less: the
 * agent's end-to-end test compares the two. Off (a no-op) unless the option is given.
 *
 * <p>Thread-safe: the per-thread totals are thread-confined; lines are written under a lock.
 */
final class StepLog implements AutoCloseable {

  private static final StepLog OFF = new StepLog(null);

  private final BufferedWriter out;
  private final ThreadLocal<double[]> slept = ThreadLocal.withInitial(() -> new double[1]);

  private StepLog(BufferedWriter out) {
    this.out = out;
  }

  static StepLog off() {
    return OFF;
  }

  static StepLog to(Path file) {
    try {
      return new StepLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the step log " + file, e);
    }
  }

  /** Wraps {@code sleeper} so that the time it spends counts for the calling thread. */
  Sleeper counting(Sleeper sleeper) {
    if (out == null) {
      return sleeper;
    }
    return millis -> {
      sleeper.sleep(millis);
      slept.get()[0] += millis;
    };
  }

  /** The simulated work this thread has done so far. */
  double sleptOnThisThread() {
    return out == null ? 0 : slept.get()[0];
  }

  /** Logs a step that began when this thread's total was {@code sleptBefore}. */
  void stepEnded(String nodeId, double sleptBefore) {
    if (out == null) {
      return;
    }
    String line =
        nodeId + " " + String.format(Locale.ROOT, "%.3f", slept.get()[0] - sleptBefore) + "\n";
    synchronized (this) {
      try {
        out.write(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
