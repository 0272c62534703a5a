package io.rpainsights.itapp;

import io.rpainsights.itapp.Results.TaskResult;

/** An engine subclass whose override delegates to super: one call must stay one record. */
public class SpecialEngine extends MiniEngine {
  @Override
  public TaskResult runTask(Task task) {
    return super.runTask(task);
  }
}
