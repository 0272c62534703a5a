package io.rpainsights.sample;

/**
 * The counts a run ends with. {@link #line()} is the {@code SUMMARY} line that the agent's
 * end-to-end tests compare with the store; the two extra counts are for consistency checks.
 *
 * @param executions every {@code executeWorkflow} call, nested ones included
 * @param success executions that returned status "success"
 * @param failed executions that returned status "failed" or threw
 * @param steps every {@code executeNode} call
 * @param succeededSteps steps that succeeded without any healing
 * @param failedSteps steps that failed and were not recovered
 * @param recoveredSteps steps that failed and were saved by a successful recovery
 * @param recoveries every {@code handleExecutionFailure} call
 * @param successfulRecoveries recovery calls that returned success
 */
public record Summary(
    long executions,
    long success,
    long failed,
    long steps,
    long succeededSteps,
    long failedSteps,
    long recoveredSteps,
    long recoveries,
    long successfulRecoveries) {

  /** The run's last line of output. */
  public String line() {
    return "SUMMARY executions="
        + executions
        + " success="
        + success
        + " failed="
        + failed
        + " steps="
        + steps
        + " failedSteps="
        + failedSteps
        + " recoveredSteps="
        + recoveredSteps
        + " recoveries="
        + recoveries;
  }
}
