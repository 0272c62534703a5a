package io.rpainsights.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.sample.simulation.Scenario;
import io.rpainsights.sample.simulation.Sleeper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SummaryConsistencyTest {

  private static final int RUNS = 1500;

  private static Summary run(String scenario) throws InterruptedException {
    RunOptions options = new RunOptions(RUNS, 4, 42, 0, scenario, null, false);
    return SampleRunner.run(
        options,
        Scenario.named(scenario).orElseThrow(),
        Sleeper.none(),
        new PrintStream(OutputStream.nullOutputStream()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "degradation", "spikes", "demo"})
  void everyExecutionAndEveryStepEndsInExactlyOneOutcome(String scenario) throws Exception {
    Summary summary = run(scenario);

    assertThat(summary.success() + summary.failed()).isEqualTo(summary.executions());
    assertThat(summary.succeededSteps() + summary.recoveredSteps() + summary.failedSteps())
        .isEqualTo(summary.steps());
    // Every recovered step had at least one successful attempt of its own.
    assertThat(summary.successfulRecoveries())
        .isBetween(summary.recoveredSteps(), summary.recoveries());
    // A failed execution always has a failed step of its own (a required step, or a crash).
    assertThat(summary.failedSteps()).isGreaterThanOrEqualTo(summary.failed());
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "demo"})
  void nestedExecutionsComeOnTopOfTheRunsOnlyForOnboarding(String scenario) throws Exception {
    long onboardingRuns =
        IntStream.range(0, RUNS)
            .filter(
                i ->
                    WorkflowCatalog.pick(SampleRunner.randomForRun(42, i))
                        == WorkflowCatalog.CUSTOMER_ONBOARDING)
            .count();

    Summary summary = run(scenario);

    // Onboarding runs its identity check as a child, unless it aborted before reaching it.
    assertThat(summary.executions()).isBetween((long) RUNS + 1, RUNS + onboardingRuns);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "demo"})
  void runsShowEveryKindOfOutcome(String scenario) throws Exception {
    Summary summary = run(scenario);

    assertThat(summary.failed()).isPositive();
    assertThat(summary.failedSteps()).isPositive();
    assertThat(summary.recoveredSteps()).isPositive();
    assertThat(summary.recoveries()).isGreaterThan(summary.successfulRecoveries());
  }

  @Test
  void demoFailsMoreOftenAndHealsLessOftenThanDefault() throws Exception {
    Summary normal = run("default");
    Summary demo = run("demo");

    double normalFailureRate = (double) normal.failed() / normal.executions();
    double demoFailureRate = (double) demo.failed() / demo.executions();
    assertThat(demoFailureRate).isGreaterThan(2 * normalFailureRate);
    assertThat((double) demo.successfulRecoveries() / demo.recoveries())
        .isLessThan((double) normal.successfulRecoveries() / normal.recoveries());
  }
}
