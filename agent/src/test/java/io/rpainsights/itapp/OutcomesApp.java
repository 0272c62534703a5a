package io.rpainsights.itapp;

import java.util.List;

/**
 * Runs scripted jobs through the test engine; the agent's outcome tests compare the store with the
 * script. Prints a line per job so a run with and without the agent can be compared.
 */
public final class OutcomesApp {

  private OutcomesApp() {}

  public static void main(String[] args) {
    MiniEngine engine = new SpecialEngine();
    run(
        engine,
        new Job("all-ok", "normal", List.of(task("a", "ok"), task("b", "ok"), task("c", "ok"))));
    run(engine, new Job("throws", "normal", List.of(task("a", "ok"), task("b", "throw"))));
    run(
        engine,
        new Job("heal-after", "normal", List.of(task("a", "fail-healed"), task("b", "ok"))));
    run(engine, new Job("heal-inside", "normal", List.of(task("a", "heal-inside"))));
    run(
        engine,
        new Job("heal-fails", "normal", List.of(task("a", "fail-unhealed"), task("b", "ok"))));
    run(engine, new Job("timeout", "timeout", List.of(task("a", "ok"))));
    run(engine, new Job("job-throws", "throw", List.of(task("a", "ok"))));
    Job parent =
        new Job("parent", "normal", List.of(task("a", "ok"), task("s", "sub"), task("c", "ok")));
    engine.child = new Job("child", "normal", List.of(task("x", "ok"), task("y", "ok")));
    run(engine, parent);
    // An overload delegating to the matched method: one step.
    Job overload = new Job("overload", "normal", List.of());
    engine.runTask(task("outside", "ok")); // no job open: unattributed, not stored
    new Runner(engine).runWithOverload(overload, task("o", "ok"));
    System.out.println("DONE");
  }

  private static Task task(String id, String behaviour) {
    return new Task(id, "click", behaviour);
  }

  private static void run(MiniEngine engine, Job job) {
    try {
      System.out.println(job.name + " -> " + engine.runJob(job).status());
    } catch (RuntimeException e) {
      System.out.println(job.name + " -> threw " + e.getClass().getSimpleName());
    }
  }

  /** A second engine entry point: a job whose only step goes through the overload. */
  static final class Runner extends MiniEngine {
    private final MiniEngine engine;

    Runner(MiniEngine engine) {
      this.engine = engine;
    }

    void runWithOverload(Job job, Task task) {
      OverloadJob overloadJob = new OverloadJob(engine, task);
      System.out.println(job.name + " -> " + overloadJob.runJob(job).status());
    }
  }

  /** Runs exactly one task through runTask(Task, int). */
  static final class OverloadJob extends MiniEngine {
    private final MiniEngine engine;
    private final Task task;

    OverloadJob(MiniEngine engine, Task task) {
      this.engine = engine;
      this.task = task;
    }

    @Override
    public Results.JobOutcome runJob(Job job) {
      engine.runTask(task, 3);
      return new Results.JobOutcome("SUCCESS");
    }
  }
}
