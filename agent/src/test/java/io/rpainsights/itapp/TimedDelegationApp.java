package io.rpainsights.itapp;

import io.rpainsights.itapp.Results.TaskResult;
import java.util.List;

/**
 * A step method that reaches its own overload through a timed helper: runTask(task) → audit(task)
 * (a timer) → runTask(task, 1). The timer is a record opened in between, so DESIGN's "one call, one
 * record" merge does not apply: two steps, the inner one nested in the outer.
 */
public final class TimedDelegationApp {

  private TimedDelegationApp() {}

  public static void main(String[] args) {
    new AuditingEngine()
        .runJob(new Job("audited", "normal", List.of(new Task("n1", "click", "ok"))));
    new MiniEngine().runJob(new Job("plain", "normal", List.of(new Task("n1", "click", "ok"))));
    System.out.println("DONE");
  }

  static final class AuditingEngine extends MiniEngine {
    @Override
    public TaskResult runTask(Task task) {
      return audit(task);
    }

    public TaskResult audit(Task task) {
      return runTask(task, 1);
    }

    /** Does the work (the base class's runTask: same rule, same node, nothing between: merged). */
    @Override
    public TaskResult runTask(Task task, int retries) {
      return super.runTask(task);
    }
  }
}
