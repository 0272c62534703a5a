package io.rpainsights.itapp;

import io.rpainsights.itapp.Results.JobOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A job whose steps run on other threads, handed off through the JDK's executors in every common
 * way. The agent must attribute each of those steps to the job's execution.
 */
public final class ExecutorApp {

  private ExecutorApp() {}

  public static void main(String[] args) throws Exception {
    // With a delay, the agent's own start-up (sqlite-jdbc) loads the JDK's thread pools first.
    Thread.sleep(Long.getLong("itapp.startDelayMs", 0));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    ForkJoinPool forkJoin = new ForkJoinPool(2);
    FanOutEngine engine = new FanOutEngine(pool, scheduler, forkJoin);
    for (int i = 0; i < 5; i++) {
      System.out.println(
          "fan-out -> " + engine.runJob(new Job("fan-out", "normal", List.of())).status());
    }
    pool.shutdown();
    scheduler.shutdown();
    forkJoin.shutdown();
    System.out.println("DONE");
  }

  /** Runs its steps through executors instead of on its own thread. */
  static final class FanOutEngine extends MiniEngine {
    private final ExecutorService pool;
    private final ScheduledExecutorService scheduler;
    private final ForkJoinPool forkJoin;

    FanOutEngine(ExecutorService pool, ScheduledExecutorService scheduler, ForkJoinPool forkJoin) {
      this.pool = pool;
      this.scheduler = scheduler;
      this.forkJoin = forkJoin;
    }

    @Override
    public JobOutcome runJob(Job job) {
      try {
        List<Future<?>> waits = new ArrayList<>();
        waits.add(pool.submit(() -> runTask(new Task("submit-runnable", "api-call", "ok"))));
        waits.add(pool.submit(() -> runTask(new Task("submit-callable", "api-call", "ok")).isOk()));
        CompletableFuture<Void> executed = new CompletableFuture<>();
        pool.execute(
            () -> {
              runTask(new Task("execute", "api-call", "ok"));
              executed.complete(null);
            });
        waits.add(executed);
        waits.add(
            CompletableFuture.supplyAsync(
                () -> runTask(new Task("supply-async", "api-call", "ok")), pool));
        waits.add(
            CompletableFuture.runAsync(() -> runTask(new Task("common-pool", "api-call", "ok"))));
        waits.add(
            scheduler.schedule(
                () -> runTask(new Task("scheduled", "api-call", "ok")), 1, TimeUnit.MILLISECONDS));
        waits.add(forkJoin.submit(() -> runTask(new Task("fork-join", "api-call", "ok"))));
        Task flaky = new Task("healed-on-worker", "click", "fail-healed");
        waits.add(
            pool.submit(
                () -> {
                  if (!runTask(flaky).isOk()) {
                    heal(job, flaky);
                  }
                }));
        for (Future<?> wait : waits) {
          wait.get(30, TimeUnit.SECONDS);
        }
        return new JobOutcome("SUCCESS");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
