package io.rpainsights.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.agent.log.CapturedAgentLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExporterHostTest {

  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();

  /** Records the calls it gets and the thread of each, and counts down on every export. */
  private static final class Recording implements MetricsExporter {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    final CountDownLatch exports;
    final AtomicInteger inCall = new AtomicInteger();
    volatile boolean overlapped;
    volatile ExporterContext context;

    Recording(int exportsToWaitFor) {
      exports = new CountDownLatch(exportsToWaitFor);
    }

    private void enter(String call) {
      if (inCall.incrementAndGet() != 1) {
        overlapped = true;
      }
      calls.add(call);
      threads.add(Thread.currentThread());
    }

    @Override
    public void start(ExporterContext context) {
      enter("start");
      this.context = context;
      inCall.decrementAndGet();
    }

    @Override
    public void export(MetricsSnapshot snapshot) {
      enter("export " + (long) snapshot.family("rpa_workflow_executions_total").total());
      inCall.decrementAndGet();
      exports.countDown();
    }

    @Override
    public void close() {
      enter("close");
      inCall.decrementAndGet();
    }
  }

  @Test
  void startsThenExportsEveryIntervalThenExportsOnceMoreAndClosesAtShutdown() throws Exception {
    AtomicInteger executions = new AtomicInteger();
    ExporterHost host =
        new ExporterHost(
            "2.0", "bot-3", 99, () -> Snapshots.withExecutions(executions.incrementAndGet(), 0));
    Recording exporter = new Recording(3);
    host.add("recording", exporter, 20, getClass().getClassLoader());
    assertThat(exporter.exports.await(10, TimeUnit.SECONDS)).as("three periodic exports").isTrue();
    host.shutdown(5_000);
    int afterShutdown = exporter.calls.size();

    List<String> calls = exporter.calls;
    assertThat(calls.get(0)).isEqualTo("start");
    assertThat(calls.subList(1, calls.size() - 1)).allMatch(call -> call.startsWith("export "));
    assertThat(calls.get(calls.size() - 1)).isEqualTo("close");
    assertThat(calls.get(calls.size() - 2))
        .as("the last export sees the latest figures")
        .isEqualTo("export " + executions.get());
    assertThat(exporter.threads).allMatch(t -> t == exporter.threads.get(0));
    assertThat(exporter.threads.get(0).isDaemon()).isTrue();
    assertThat(exporter.threads.get(0).getName()).startsWith("rpa-insights-export-");
    assertThat(exporter.overlapped).isFalse();
    assertThat(exporter.context.agentVersion()).isEqualTo("2.0");
    assertThat(exporter.context.host()).isEqualTo("bot-3");
    assertThat(exporter.context.pid()).isEqualTo(99);
    assertThat(exporter.context.intervalMs()).isEqualTo(20);
    assertThat(exporter.context.exporterName()).isEqualTo("recording");
    assertThat(exporter.context.snapshot().pid()).isEqualTo(4242);
    assertThat(log.text()).isEmpty();

    host.shutdown(1_000);
    assertThat(exporter.calls).as("nothing after shutdown").hasSize(afterShutdown);
  }

  @Test
  void aFailingExportIsLoggedOnceAndCalledAgain() throws Exception {
    CountDownLatch attempts = new CountDownLatch(4);
    ExporterHost host = new ExporterHost("1", "h", 1, () -> Snapshots.withExecutions(1, 1));
    host.add(
        "flaky",
        snapshot -> {
          attempts.countDown();
          throw new java.io.IOException("connection refused");
        },
        10,
        getClass().getClassLoader());
    assertThat(attempts.await(10, TimeUnit.SECONDS)).isTrue();
    host.shutdown(5_000);
    assertThat(log.text())
        .isEqualTo(
            "[rpa-insights] exporter flaky failed to export; it is called again at the next"
                + " interval: java.io.IOException: connection refused\n");
  }

  @Test
  void anExporterThatFailsToStartIsLeftOutAndTheOthersRun() throws Exception {
    ExporterHost host = new ExporterHost("1", "h", 1, () -> Snapshots.withExecutions(5, 1));
    AtomicInteger brokenExports = new AtomicInteger();
    host.add(
        "broken",
        new MetricsExporter() {
          @Override
          public void start(ExporterContext context) {
            throw new IllegalStateException("no credentials");
          }

          @Override
          public void export(MetricsSnapshot snapshot) {
            brokenExports.incrementAndGet();
          }
        },
        10,
        getClass().getClassLoader());
    Recording healthy = new Recording(2);
    host.add("healthy", healthy, 10, getClass().getClassLoader());
    assertThat(healthy.exports.await(10, TimeUnit.SECONDS)).isTrue();
    host.shutdown(5_000);

    assertThat(brokenExports.get()).isZero();
    assertThat(healthy.calls.get(healthy.calls.size() - 1)).isEqualTo("close");
    assertThat(log.text())
        .isEqualTo(
            "[rpa-insights] exporter broken failed to start and is left out:"
                + " java.lang.IllegalStateException: no credentials\n");
  }

  @Test
  void anExporterStuckAtShutdownIsLeftBehindWithinTheTimeLimit() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExporterHost host = new ExporterHost("1", "h", 1, () -> Snapshots.withExecutions(1, 1));
    host.add("stuck", snapshot -> release.await(), 3_600_000, getClass().getClassLoader());
    long started = System.nanoTime();
    host.shutdown(200);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    release.countDown();

    assertThat(tookMs).isLessThan(5_000);
    assertThat(log.text())
        .isEqualTo(
            "[rpa-insights] exporter stuck did not finish its last export within 200 ms at"
                + " shutdown; left behind\n");
  }

  @Test
  void anExporterThatFailsToStartCostsExactlyOneLineHoweverFastItFails() throws Exception {
    // The start task runs on the exporter's own thread; a failure there shuts that thread's
    // executor down, which once raced with scheduling the periodic export from the caller.
    for (int i = 0; i < 200; i++) {
      log.clear();
      ExporterHost host = new ExporterHost("test", "host", 1, () -> null);
      CountDownLatch failed = new CountDownLatch(1);
      host.add(
          "failing",
          new MetricsExporter() {
            @Override
            public void start(ExporterContext context) {
              failed.countDown();
              throw new IllegalStateException("broker unreachable");
            }

            @Override
            public void export(MetricsSnapshot snapshot) {}

            @Override
            public void close() {}
          },
          10,
          getClass().getClassLoader());
      assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
      host.shutdown(5_000);
      assertThat(log.text().lines()).as("attempt %d: %s", i, log.text()).hasSize(1);
      assertThat(log.text()).contains("failed to start");
    }
  }
}
