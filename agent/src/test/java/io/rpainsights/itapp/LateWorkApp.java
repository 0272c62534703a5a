package io.rpainsights.itapp;

import io.rpainsights.itapp.Results.JobOutcome;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Work that outlives the execution that handed it to an executor: tasks the job does not wait for
 * (one succeeds, then one fails, both after the job has returned), and a Runnable the job ran once
 * and the application runs again afterwards, outside any job; and a pool whose afterExecute never
 * reports a task's end.
 */
public final class LateWorkApp {

  private LateWorkApp() {}

  public static void main(String[] args) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    new FireAndForgetEngine(pool).runJob(new Job("fire-and-forget", "normal", List.of()));
    Runnable reused = () -> new MiniEngine().runTask(new Task("reused", "api-call", "ok"));
    new ReusingEngine(pool, reused).runJob(new Job("reusing", "normal", List.of()));
    for (int i = 0; i < 3; i++) {
      pool.execute(reused);
    }
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    new PeriodicEngine(scheduler).runJob(new Job("periodic", "normal", List.of()));
    Thread.sleep(700); // about three more runs, all after the job ended
    ThreadPoolExecutor hooked = new PoolWithOwnAfterExecute();
    new HandingOffEngine(hooked).runJob(new Job("hooked", "normal", List.of()));
    for (int i = 0; i < 3; i++) {
      runAndWait(hooked, () -> new MiniEngine().runTask(new Task("unrelated", "api-call", "ok")));
    }
    hooked.shutdown();
    hooked.awaitTermination(30, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    scheduler.awaitTermination(30, TimeUnit.SECONDS);
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    System.out.println("DONE");
  }

  /** Hands two steps to a worker that starts them only after the job has returned. */
  static final class FireAndForgetEngine extends MiniEngine {
    private final ExecutorService pool;

    FireAndForgetEngine(ExecutorService pool) {
      this.pool = pool;
    }

    @Override
    public JobOutcome runJob(Job job) {
      pool.execute(
          () -> {
            sleep(300);
            runTask(new Task("late-ok", "click", "ok"));
            runTask(new Task("late-fail", "click", "fail")); // the last step of its thread
          });
      return new JobOutcome("SUCCESS");
    }
  }

  /** Runs a Runnable through the pool once and waits for it. */
  static final class ReusingEngine extends MiniEngine {
    private final ExecutorService pool;
    private final Runnable task;

    ReusingEngine(ExecutorService pool, Runnable task) {
      this.pool = pool;
      this.task = task;
    }

    @Override
    public JobOutcome runJob(Job job) {
      try {
        pool.submit(task).get();
        pool.execute(task); // the same object again, inside the job: still the job's
        pool.submit(() -> {}).get(); // the single worker has run it once this returns
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return new JobOutcome("SUCCESS");
    }
  }

  /** Starts a periodic task and returns once it has run once. */
  static final class PeriodicEngine extends MiniEngine {
    private final ScheduledExecutorService scheduler;

    PeriodicEngine(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
    }

    @Override
    public JobOutcome runJob(Job job) {
      CountDownLatch firstRun = new CountDownLatch(1);
      scheduler.scheduleAtFixedRate(
          () -> {
            runTask(new Task("heartbeat", "api-call", "ok"));
            firstRun.countDown();
          },
          0,
          200,
          TimeUnit.MILLISECONDS);
      try {
        firstRun.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new JobOutcome("SUCCESS");
    }
  }

  /**
   * A pool whose afterExecute override does not call super (legal, and common in code written
   * before the hook did anything), on one worker thread, so every task runs on the same thread.
   */
  static final class PoolWithOwnAfterExecute extends ThreadPoolExecutor {
    PoolWithOwnAfterExecute() {
      super(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
      // the application's own bookkeeping, without super.afterExecute
    }
  }

  /** Hands one step to the pool as a plain Runnable (execute, no FutureTask) and waits for it. */
  static final class HandingOffEngine extends MiniEngine {
    private final ExecutorService pool;

    HandingOffEngine(ExecutorService pool) {
      this.pool = pool;
    }

    @Override
    public JobOutcome runJob(Job job) {
      runAndWait(pool, () -> runTask(new Task("handed-off", "click", "ok")));
      return new JobOutcome("SUCCESS");
    }
  }

  private static void runAndWait(ExecutorService pool, Runnable work) {
    CountDownLatch done = new CountDownLatch(1);
    pool.execute(
        () -> {
          try {
            work.run();
          } finally {
            done.countDown();
          }
        });
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
