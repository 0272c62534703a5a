package io.rpainsights.sample.healing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.sample.ActionTypes;
import io.rpainsights.sample.Node;
import io.rpainsights.sample.simulation.Scenario;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SelfHealingEngineTest {

  private final SelfHealingEngine engine =
      SelfHealingEngine.forScenario(Scenario.named("default").orElseThrow());
  private final Node click = Node.step("buy", ActionTypes.CLICK, "#buy");

  @Test
  void laterAttemptsEscalateThroughThePlanAndRepeatItsLastStrategy() {
    assertThat(
            IntStream.rangeClosed(1, 4)
                .mapToObj(
                    attempt ->
                        engine
                            .handleExecutionFailure(
                                new FakeRecoveryContext(attempt, false, attempt), click, "gone")
                            .strategyUsed()))
        .containsExactly("alternative-selector", "wait-and-retry", "retry", "retry");
  }

  @Test
  void retryReRunsTheActionOnceAndReportsItsOutcome() {
    Node api = Node.step("post", ActionTypes.API_CALL, "POST /x");
    FakeRecoveryContext works = new FakeRecoveryContext(1, true, 1);
    FakeRecoveryContext fails = new FakeRecoveryContext(1, false, 1);

    assertThat(engine.handleExecutionFailure(works, api, "503"))
        .isEqualTo(new RecoveryResult("retry", true));
    assertThat(engine.handleExecutionFailure(fails, api, "503"))
        .isEqualTo(new RecoveryResult("retry", false));
    assertThat(works.rerunScales()).containsExactly(1.0);
    assertThat(works.pauses()).isEmpty();
  }

  @Test
  void waitAndRetryBacksOffLongerOnLaterAttemptsAndHalvesPersistence() {
    Node api = Node.step("post", ActionTypes.API_CALL, "POST /x");
    FakeRecoveryContext third = new FakeRecoveryContext(3, true, 1);

    assertThat(engine.handleExecutionFailure(third, api, "503").strategyUsed())
        .isEqualTo("wait-and-retry");
    assertThat(third.pauses()).containsExactly(24.0);
    assertThat(third.rerunScales()).containsExactly(0.5);
  }

  @Test
  void alternativeSelectorAsksTheTemplateMatcherAndSucceedsAtTheScenariosRate() {
    int n = 20_000;
    int saved = 0;
    for (int i = 0; i < n; i++) {
      FakeRecoveryContext context = new FakeRecoveryContext(1, false, i);
      if (engine.handleExecutionFailure(context, click, "gone").success()) {
        saved++;
      }
      assertThat(context.detections()).isEqualTo(1);
      assertThat(context.rerunScales()).isEmpty();
    }
    // Binomial(20000, 0.75): σ ≈ 61.
    assertThat(saved).isBetween(15_000 - 310, 15_000 + 310);
  }

  @Test
  void everyCallIsCountedAndOnlySuccessfulOnesAsSuccesses() {
    SelfHealingEngine fresh =
        SelfHealingEngine.forScenario(Scenario.named("default").orElseThrow());
    Node api = Node.step("post", ActionTypes.API_CALL, "POST /x");
    fresh.handleExecutionFailure(new FakeRecoveryContext(1, true, 1), api, "503");
    fresh.handleExecutionFailure(new FakeRecoveryContext(2, false, 1), api, "503");
    fresh.handleExecutionFailure(
        new FakeRecoveryContext(1, true, 1),
        Node.parallel("p", java.util.List.of(api, click)),
        "x");

    assertThat(fresh.attempts()).isEqualTo(3);
    assertThat(fresh.successes()).isEqualTo(1);
  }

  @Test
  void nodeWithoutAPlanCannotBeHealed() {
    Node sub =
        Node.subWorkflow(
            "child", new io.rpainsights.sample.Workflow("c", java.util.List.of(click)));

    assertThat(engine.canHeal(sub)).isFalse();
    assertThat(engine.canHeal(click)).isTrue();
    assertThat(engine.handleExecutionFailure(new FakeRecoveryContext(1, true, 1), sub, "x"))
        .isEqualTo(new RecoveryResult("none", false));
  }
}
