package io.rpainsights.bench.workload;

/** A node's outcome; the engine reuses one instance so the baseline allocates nothing per step. */
public final class StepResult {

  static final StepResult OK = new StepResult(true, null);

  private final boolean success;
  private final String error;

  StepResult(boolean success, String error) {
    this.success = success;
    this.error = error;
  }

  public boolean isSuccess() {
    return success;
  }

  public String getError() {
    return error;
  }
}
