package io.rpainsights.sample;

import java.util.Objects;

/** What one node execution reports: success, or failure with an error message (null on success). */
public record StepResult(boolean success, String error) {

  private static final StepResult OK = new StepResult(true, null);

  public StepResult {
    if (success != (error == null)) {
      throw new IllegalArgumentException("a step result has an error exactly when it failed");
    }
  }

  public static StepResult ok() {
    return OK;
  }

  public static StepResult failed(String error) {
    return new StepResult(false, Objects.requireNonNull(error, "error"));
  }
}
