package io.rpainsights.sample;

import io.rpainsights.sample.actions.ApplicationCrashedException;
import io.rpainsights.sample.simulation.Scenario;
import io.rpainsights.sample.simulation.Sleeper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs {@code --runs} executions on a pool of {@code --threads} threads and returns what happened.
 * Run i draws everything from a random derived from the seed and i alone.
 */
final class SampleRunner {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private SampleRunner() {}

  static Summary run(RunOptions options, Scenario scenario, Sleeper sleeper, PrintStream out)
      throws InterruptedException {
    out.println(
        "sample-workflow scenario="
            + scenario.name()
            + " runs="
            + options.runs()
            + " threads="
            + options.threads()
            + " seed="
            + options.seed()
            + " pauseMs="
            + options.pauseMs());
    ExecutorService executions =
        Executors.newFixedThreadPool(options.threads(), new NamedThreadFactory("execution-worker"));
    try (StepLog stepLog =
            options.stepLog() == null ? StepLog.off() : StepLog.to(options.stepLog());
        Engine engine =
            Engine.builder(scenario, options.runs())
                .sleeper(stepLog.counting(sleeper))
                .stepLog(stepLog)
                .executionThreads(options.threads())
                .build()) {
      List<Future<?>> futures = new ArrayList<>(options.runs());
      for (int i = 0; i < options.runs(); i++) {
        int runIndex = i;
        futures.add(executions.submit(() -> runOne(engine, options, sleeper, runIndex)));
      }
      // Progress follows run order, so the output is the same whatever the threads do.
      int every = Math.max(1, options.runs() / 10);
      for (int i = 0; i < futures.size(); i++) {
        await(futures.get(i));
        if ((i + 1) % every == 0 || i + 1 == futures.size()) {
          out.println("progress " + (i + 1) + "/" + options.runs());
        }
      }
      return engine.summary();
    } finally {
      executions.shutdownNow();
    }
  }

  private static void runOne(Engine engine, RunOptions options, Sleeper sleeper, int runIndex) {
    if (options.pauseMs() > 0 && runIndex >= options.threads()) {
      sleeper.sleep(options.pauseMs());
    }
    SplittableRandom random = randomForRun(options.seed(), runIndex);
    Workflow workflow = WorkflowCatalog.pick(random);
    try {
      engine.newLoop(runIndex, random).executeWorkflow(workflow);
    } catch (ApplicationCrashedException crashed) {
      // Counted as a failed execution by the loop; the bot restarts the application and goes on.
    }
  }

  /** The random of run {@code runIndex}: the seed and the index mixed by SplitMix64's finaliser. */
  static SplittableRandom randomForRun(long seed, int runIndex) {
    long z = seed + GOLDEN_GAMMA * (runIndex + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }

  private static void await(Future<?> future) throws InterruptedException {
    try {
      future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("an execution failed unexpectedly", e.getCause());
    }
  }
}
