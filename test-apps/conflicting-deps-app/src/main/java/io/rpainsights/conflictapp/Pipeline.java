package io.rpainsights.conflictapp;

import java.util.List;

/** A small order pipeline: the workflow the agent instruments in the isolation test. */
public final class Pipeline {

  /** One order and the stages it goes through. */
  public static final class Order {
    private final String id;
    private final List<String> stages;

    public Order(String id, List<String> stages) {
      this.id = id;
      this.stages = stages;
    }

    public String getId() {
      return id;
    }

    public List<String> getStages() {
      return stages;
    }
  }

  public int process(Order order) {
    int done = 0;
    for (String stage : order.getStages()) {
      if (stage(stage)) {
        done++;
      }
    }
    return done;
  }

  public boolean stage(String name) {
    return !name.isEmpty();
  }
}
