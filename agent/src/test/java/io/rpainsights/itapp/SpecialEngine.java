package io.rpainsights.itapp;

import io.rpainsights.itapp.Results.HealResult;
import io.rpainsights.itapp.Results.TaskResult;

/** An engine subclass whose overrides delegate to super: one call must stay one record. */
public class SpecialEngine extends MiniEngine {
  @Override
  public TaskResult runTask(Task task) {
    return super.runTask(task);
  }

  @Override
  public HealResult heal(Job job, Task task) {
    return super.heal(job, task);
  }
}
