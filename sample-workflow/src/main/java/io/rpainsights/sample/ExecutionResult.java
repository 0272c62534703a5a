package io.rpainsights.sample;

import java.util.Objects;

/**
 * How one workflow execution ended. {@code status} is {@code "success"} or {@code "failed"} (the
 * agent config maps it with {@code status: return.status}); {@code error} says why it failed.
 *
 * @param steps steps this execution ran, branch steps included (a child execution's are its own)
 * @param failedSteps steps that failed and were not recovered
 * @param recoveredSteps steps that failed and were saved by self-healing
 */
public record ExecutionResult(
    String workflowId,
    String status,
    String error,
    int steps,
    int failedSteps,
    int recoveredSteps) {

  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";

  public ExecutionResult {
    Objects.requireNonNull(workflowId, "workflowId");
    if (!SUCCESS.equals(status) && !FAILED.equals(status)) {
      throw new IllegalArgumentException("status is success or failed, got " + status);
    }
    if (SUCCESS.equals(status) != (error == null)) {
      throw new IllegalArgumentException("an execution has an error exactly when it failed");
    }
  }

  public boolean succeeded() {
    return SUCCESS.equals(status);
  }
}
