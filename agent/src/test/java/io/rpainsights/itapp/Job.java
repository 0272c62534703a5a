package io.rpainsights.itapp;

import java.util.List;

/** A workflow of the test engine: a name and its tasks; `outcome` scripts how the run ends. */
public class Job {
  public final String name;
  public final Task[] tasks;
  public final String outcome;
  public Job child;

  public Job(String name, String outcome, List<Task> tasks) {
    this.name = name;
    this.outcome = outcome;
    this.tasks = tasks.toArray(new Task[0]);
  }
}
