package io.rpainsights.itapp;

import io.rpainsights.itapp.Results.HealResult;
import io.rpainsights.itapp.Results.JobOutcome;
import io.rpainsights.itapp.Results.TaskResult;

/**
 * A tiny workflow engine the agent's end-to-end tests run under the agent. Tasks script their own
 * behaviour: "ok", "fail" (returns not ok), "throw", "heal-inside" (heals itself, then ok),
 * "fail-healed" (fails; the next heal works), "fail-unhealed" (fails; heals fail), "sub" (runs the
 * job's child as a nested execution).
 */
public class MiniEngine {

  public JobOutcome runJob(Job job) {
    boolean failed = false;
    for (Task task : job.tasks) {
      TaskResult result;
      try {
        result = runTask(task);
      } catch (IllegalStateException thrown) {
        result = new TaskResult(false, thrown.getMessage());
      }
      if (!result.isOk()) {
        boolean healed = false;
        for (int attempt = 0; attempt < 2 && !healed; attempt++) {
          healed = heal(job, task).ok;
        }
        failed |= !healed;
      }
    }
    if (job.outcome.equals("throw")) {
      throw new IllegalArgumentException("job " + job.name + " gave up");
    }
    if (job.outcome.equals("timeout")) {
      return new JobOutcome("TIMEOUT");
    }
    return new JobOutcome(failed ? "FAILED" : "SUCCESS");
  }

  public TaskResult runTask(Task task) {
    pause();
    switch (task.behaviour()) {
      case "fail":
      case "fail-healed":
      case "fail-unhealed":
        return new TaskResult(false, "element not found: " + task.getId());
      case "throw":
        throw new IllegalStateException("boom in " + task.getId());
      case "heal-inside":
        heal(null, task);
        return new TaskResult(true, null);
      case "sub":
        return new TaskResult(true, String.valueOf(runJob(childOf(task))));
      default:
        return new TaskResult(true, null);
    }
  }

  /** Overload that delegates: the agent must record one step, not two. */
  public TaskResult runTask(Task task, int retries) {
    return runTask(task);
  }

  public HealResult heal(Job job, Task task) {
    pause();
    boolean works =
        task.behaviour().equals("fail-healed") || task.behaviour().equals("heal-inside");
    return new HealResult(works ? "alternative-selector" : "retry", works);
  }

  Job child;

  private Job childOf(Task task) {
    return child;
  }

  private static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
