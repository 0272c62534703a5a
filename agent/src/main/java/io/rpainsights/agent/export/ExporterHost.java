package io.rpainsights.agent.export;

import io.rpainsights.agent.log.AgentLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs exporters: each on its own daemon thread ({@code rpa-insights-export-N}), so one that hangs
 * or fails delays nobody else, with the call sequence {@link MetricsExporter} promises. The
 * snapshots come from a supplier that is safe to call from any thread.
 *
 * <p>Threads: {@link #add} and {@link #shutdown} are called by the agent's start-up and shutdown
 * threads; everything an exporter does happens on its own thread.
 */
public final class ExporterHost {

  private final String agentVersion;
  private final String host;
  private final long pid;
  private final Supplier<MetricsSnapshot> snapshots;
  private final List<Running> running = new ArrayList<>(); // guarded by this

  public ExporterHost(
      String agentVersion, String host, long pid, Supplier<MetricsSnapshot> snapshots) {
    this.agentVersion = agentVersion;
    this.host = host;
    this.pid = pid;
    this.snapshots = snapshots;
  }

  /**
   * Starts {@code exporter} on a thread of its own whose context class loader is {@code loader}:
   * {@link MetricsExporter#start} at once, then an export every {@code intervalMs}. Never throws.
   */
  public synchronized void add(
      String name, MetricsExporter exporter, long intervalMs, ClassLoader loader) {
    Running entry = new Running(name, exporter, loader, running.size());
    ExporterContext context =
        new ExporterContext(name, agentVersion, host, pid, intervalMs, snapshots);
    try {
      // The periodic export is scheduled by the start task itself, once start succeeded: a start
      // that fails shuts the executor down, and scheduling from here could race with that.
      entry.executor.execute(() -> entry.start(context, intervalMs));
      running.add(entry);
    } catch (RuntimeException rejected) {
      AgentLog.error("exporter " + name + " could not be scheduled", rejected);
      entry.executor.shutdownNow();
    }
  }

  /** How many exporters run. */
  public synchronized int size() {
    return running.size();
  }

  /**
   * Stops the schedules, gives every started exporter one last export with the final figures and
   * closes it, all within {@code timeoutMs}; an exporter still busy then is left behind (its thread
   * is a daemon) with one line.
   */
  public synchronized void shutdown(long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
    List<Future<?>> finals = new ArrayList<>();
    for (Running entry : running) {
      entry.executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
      Future<?> last;
      try {
        last = entry.executor.submit(entry::finish);
      } catch (RuntimeException rejected) {
        last = null;
      }
      entry.executor.shutdown();
      finals.add(last);
    }
    for (int i = 0; i < running.size(); i++) {
      Future<?> last = finals.get(i);
      if (last == null) {
        continue;
      }
      try {
        last.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException slow) {
        AgentLog.warn(
            "exporter "
                + running.get(i).name
                + " did not finish its last export within "
                + timeoutMs
                + " ms at shutdown; left behind");
      } catch (CancellationException startFailed) {
        // Only an exporter whose start failed shuts its executor down by itself; when that races
        // with the submit above, the executor cancels the final task. It has nothing to finish,
        // and its failure was reported when it happened.
      } catch (ExecutionException | RuntimeException unexpected) {
        AgentLog.error("exporter " + running.get(i).name + " failed at shutdown", unexpected);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    running.clear();
  }

  /** One exporter and its thread; the fields below are touched on that thread only. */
  private final class Running {
    final String name;
    final MetricsExporter exporter;
    final ScheduledThreadPoolExecutor executor;
    private boolean started;
    private boolean finished;

    Running(String name, MetricsExporter exporter, ClassLoader loader, int index) {
      this.name = name;
      this.exporter = exporter;
      this.executor =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread thread = new Thread(task, "rpa-insights-export-" + index);
                thread.setDaemon(true);
                thread.setContextClassLoader(loader);
                return thread;
              });
      this.executor.setRemoveOnCancelPolicy(true);
    }

    void start(ExporterContext context, long intervalMs) {
      try {
        exporter.start(context);
        started = true;
      } catch (Throwable failed) {
        AgentLog.error("exporter " + name + " failed to start and is left out", failed);
        executor.shutdown();
        return;
      }
      try {
        executor.scheduleWithFixedDelay(
            this::exportNow, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException shuttingDown) {
        // The agent shut down before the first interval: the final export still runs.
      }
    }

    void exportNow() {
      if (!started || finished) {
        return;
      }
      try {
        exporter.export(snapshots.get());
      } catch (Throwable failed) {
        AgentLog.errorOnce(
            "export:" + name + ":" + failed.getClass().getName(),
            "exporter " + name + " failed to export; it is called again at the next interval",
            failed);
      }
    }

    void finish() {
      if (!started || finished) {
        return;
      }
      exportNow();
      finished = true;
      try {
        exporter.close();
      } catch (Throwable failed) {
        AgentLog.error("exporter " + name + " failed to close", failed);
      }
    }
  }
}
