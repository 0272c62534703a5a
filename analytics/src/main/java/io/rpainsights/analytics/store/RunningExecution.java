package io.rpainsights.analytics.store;

/**
 * An execution whose row still says {@code running}, with what its step rows tell of its progress.
 *
 * @param stepsTotal the producer's {@code steps_total}, null when it did not know
 * @param stepsDone how many step rows it has written so far
 * @param lastStepEndedAt when its latest step ended (epoch ms), null before its first step
 * @param lastStepNumber the highest step number seen, 0 before its first step
 */
public record RunningExecution(
    String executionId,
    String workflowId,
    String host,
    long startedAt,
    Integer stepsTotal,
    int stepsDone,
    Long lastStepEndedAt,
    int lastStepNumber) {}
