package io.rpainsights.sample;

import static io.rpainsights.sample.ActionTypes.API_CALL;
import static io.rpainsights.sample.ActionTypes.CLICK;
import static io.rpainsights.sample.ActionTypes.EXTRACT;
import static io.rpainsights.sample.ActionTypes.NAVIGATE;
import static io.rpainsights.sample.ActionTypes.TYPE;
import static io.rpainsights.sample.Node.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.rpainsights.sample.actions.ApplicationCrashedException;
import io.rpainsights.sample.healing.RecoveryStrategy;
import io.rpainsights.sample.healing.SelfHealingEngine;
import io.rpainsights.sample.simulation.FaultKind;
import io.rpainsights.sample.simulation.Scenario;
import io.rpainsights.sample.simulation.Sleeper;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked fixtures: scripted faults and strategies, so every count below follows from the
 * workflow and the script by the outcome rules, not from the engine's own arithmetic.
 */
class ExecutionLoopTest {

  private final ScriptedFaults faults = new ScriptedFaults();
  private Engine engine;

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  /** No spikes, no degradation; self-healing may try {@code maxAttempts} times per step. */
  private static Scenario quiet(double alternativeSelectorSuccess, int maxAttempts) {
    return new Scenario(
        "test",
        "hand-worked",
        0.0,
        1.0,
        null,
        1.0,
        1.0,
        alternativeSelectorSuccess,
        1.0,
        maxAttempts);
  }

  private ExecutionLoop loop(Scenario scenario) {
    engine = Engine.builder(scenario, 1).sleeper(Sleeper.none()).faults(faults).build();
    return engine.newLoop(0, new SplittableRandom(1));
  }

  private ExecutionLoop loop(Scenario scenario, Map<String, List<RecoveryStrategy>> plans) {
    engine =
        Engine.builder(scenario, 1)
            .sleeper(Sleeper.none())
            .faults(faults)
            .healing(new SelfHealingEngine(plans))
            .build();
    return engine.newLoop(0, new SplittableRandom(1));
  }

  private static Summary summary(
      long executions,
      long success,
      long failed,
      long steps,
      long succeededSteps,
      long failedSteps,
      long recoveredSteps,
      long recoveries,
      long successfulRecoveries) {
    return new Summary(
        executions,
        success,
        failed,
        steps,
        succeededSteps,
        failedSteps,
        recoveredSteps,
        recoveries,
        successfulRecoveries);
  }

  @Test
  void everyNodeOfACleanRunIsOneSuccessfulStep() {
    Workflow workflow =
        new Workflow(
            "clean",
            List.of(
                step("open", NAVIGATE, "https://app"),
                step("name", TYPE, "#name"),
                step("read", EXTRACT, "#total")));

    ExecutionResult result = loop(quiet(1.0, 3)).executeWorkflow(workflow);

    assertThat(result).isEqualTo(new ExecutionResult("clean", "success", null, 3, 0, 0));
    assertThat(engine.summary()).isEqualTo(summary(1, 1, 0, 3, 3, 0, 0, 0, 0));
  }

  @Test
  void clickThatHealsItsSelectorWhileRunningIsRecoveredAndReturnsSuccess() {
    faults.on("#buy", 1.0, FaultKind.ELEMENT_NOT_FOUND);
    Node click = step("buy", CLICK, "#buy");
    ExecutionLoop loop = loop(quiet(1.0, 3));

    ExecutionResult result = loop.executeWorkflow(new Workflow("shop", List.of(click)));

    assertThat(result).isEqualTo(new ExecutionResult("shop", "success", null, 1, 0, 1));
    assertThat(engine.summary()).isEqualTo(summary(1, 1, 0, 1, 0, 0, 1, 1, 1));
  }

  @Test
  void healedClickThatThenThrowsFailsWhenNoLaterAttemptSavesIt() {
    faults
        .on("#buy", 1.0, FaultKind.ELEMENT_NOT_FOUND)
        .afterHealOn("#buy", FaultKind.ELEMENT_NOT_INTERACTABLE);
    ScriptedStrategy first = new ScriptedStrategy("alternative-selector", true);
    ScriptedStrategy later = new ScriptedStrategy("wait-and-retry", false, false);
    ExecutionLoop loop = loop(quiet(1.0, 3), Map.of(CLICK, List.of(first, later)));

    ExecutionResult result =
        loop.executeWorkflow(new Workflow("shop", List.of(step("buy", CLICK, "#buy"))));

    assertThat(result.status()).isEqualTo("failed");
    assertThat(result.error())
        .isEqualTo("step buy failed: " + FaultKind.ELEMENT_NOT_INTERACTABLE.describe("#buy"));
    assertThat(first.calls()).extracting(ScriptedStrategy.Call::duringStep).containsExactly(true);
    assertThat(later.calls())
        .extracting(ScriptedStrategy.Call::attempt, ScriptedStrategy.Call::duringStep)
        .containsExactly(tuple(2, false), tuple(3, false));
    // One successful recovery (in the step), but the step threw afterwards: failed, not recovered.
    assertThat(engine.summary()).isEqualTo(summary(1, 0, 1, 1, 0, 1, 0, 3, 1));
  }

  @Test
  void healedClickThatThenThrowsIsRecoveredByASuccessfulAttemptRightAfter() {
    faults
        .on("#buy", 1.0, FaultKind.ELEMENT_NOT_FOUND)
        .afterHealOn("#buy", FaultKind.ELEMENT_NOT_INTERACTABLE);
    ScriptedStrategy first = new ScriptedStrategy("alternative-selector", true);
    ScriptedStrategy later = new ScriptedStrategy("wait-and-retry", true);
    ExecutionLoop loop = loop(quiet(1.0, 3), Map.of(CLICK, List.of(first, later)));

    ExecutionResult result =
        loop.executeWorkflow(new Workflow("shop", List.of(step("buy", CLICK, "#buy"))));

    assertThat(result.succeeded()).isTrue();
    assertThat(engine.summary()).isEqualTo(summary(1, 1, 0, 1, 0, 0, 1, 2, 2));
  }

  @Test
  void retryReRunsTheActionInsideTheRecoveryWithoutAnotherStep() {
    faults.on("https://api/orders", 0.0, FaultKind.SERVICE_UNAVAILABLE);
    ExecutionLoop loop = loop(quiet(1.0, 3));

    ExecutionResult result =
        loop.executeWorkflow(
            new Workflow("orders", List.of(step("post", API_CALL, "https://api/orders"))));

    assertThat(result).isEqualTo(new ExecutionResult("orders", "success", null, 1, 0, 1));
    assertThat(engine.summary()).isEqualTo(summary(1, 1, 0, 1, 0, 0, 1, 1, 1));
  }

  @Test
  void persistentFaultUsesEveryAttemptAndFailsTheExecution() {
    faults.on("https://api/orders", 1.0, FaultKind.SERVICE_UNAVAILABLE);
    ExecutionLoop loop = loop(quiet(1.0, 3));

    ExecutionResult result =
        loop.executeWorkflow(
            new Workflow(
                "orders",
                List.of(
                    step("post", API_CALL, "https://api/orders"), step("never", TYPE, "#never"))));

    assertThat(result)
        .isEqualTo(
            new ExecutionResult(
                "orders",
                "failed",
                "step post failed: HTTP 503 Service Unavailable from https://api/orders",
                1,
                1,
                0));
    assertThat(engine.summary()).isEqualTo(summary(1, 0, 1, 1, 0, 1, 0, 3, 0));
  }

  @Test
  void failedOptionalStepIsToleratedAndCountedAsFailed() {
    faults.on("#note", 1.0, FaultKind.EMPTY_EXTRACTION);
    ExecutionLoop loop = loop(quiet(0.0, 2));

    ExecutionResult result =
        loop.executeWorkflow(
            new Workflow(
                "notes",
                List.of(step("note", EXTRACT, "#note").asOptional(), step("after", TYPE, "#a"))));

    assertThat(result).isEqualTo(new ExecutionResult("notes", "success", null, 2, 1, 0));
    assertThat(engine.summary()).isEqualTo(summary(1, 1, 0, 2, 1, 1, 0, 2, 0));
  }

  @Test
  void subWorkflowIsANestedExecutionWithItsOwnSteps() {
    Workflow child =
        new Workflow("child", List.of(step("c1", TYPE, "#c1"), step("c2", EXTRACT, "#c2")));
    Workflow parent =
        new Workflow(
            "parent",
            List.of(
                step("p1", NAVIGATE, "https://p"),
                Node.subWorkflow("run-child", child),
                step("p3", CLICK, "#p3")));

    ExecutionResult result = loop(quiet(1.0, 3)).executeWorkflow(parent);

    assertThat(result).isEqualTo(new ExecutionResult("parent", "success", null, 3, 0, 0));
    assertThat(engine.summary()).isEqualTo(summary(2, 2, 0, 5, 5, 0, 0, 0, 0));
  }

  @Test
  void failedChildFailsTheStepThatRanItAndThenTheParent() {
    faults.on("#c2", 1.0, FaultKind.EMPTY_EXTRACTION);
    Workflow child =
        new Workflow("child", List.of(step("c1", TYPE, "#c1"), step("c2", EXTRACT, "#c2")));
    Workflow parent =
        new Workflow(
            "parent", List.of(Node.subWorkflow("run-child", child), step("p2", CLICK, "#p2")));

    ExecutionResult result = loop(quiet(0.0, 1)).executeWorkflow(parent);

    assertThat(result.error())
        .isEqualTo(
            "step run-child failed: sub-workflow child failed: step c2 failed: "
                + FaultKind.EMPTY_EXTRACTION.describe("#c2"));
    // c2 gets one (failed) retry; sub-workflow nodes have no recovery plan.
    assertThat(engine.summary()).isEqualTo(summary(2, 0, 2, 3, 1, 2, 0, 1, 0));
  }

  @Test
  void parallelBranchesAreStepsOfTheExecutionAndHealOnPoolThreads() {
    faults.on("GET b", 1.0, FaultKind.SERVICE_UNAVAILABLE);
    ScriptedStrategy retry = new ScriptedStrategy("retry", false, true);
    ExecutionLoop loop = loop(quiet(1.0, 3), Map.of(API_CALL, List.of(retry)));
    Workflow workflow =
        new Workflow(
            "fan",
            List.of(
                Node.parallel(
                    "all",
                    List.of(
                        step("a", API_CALL, "GET a"),
                        step("b", API_CALL, "GET b"),
                        step("c", EXTRACT, "#c"))),
                step("after", TYPE, "#after")));

    ExecutionResult result = loop.executeWorkflow(workflow);

    assertThat(result).isEqualTo(new ExecutionResult("fan", "success", null, 5, 0, 1));
    assertThat(retry.calls())
        .allSatisfy(
            call -> {
              assertThat(call.nodeId()).isEqualTo("b");
              assertThat(call.thread()).startsWith("branch-worker-");
            })
        .hasSize(2);
    assertThat(engine.summary()).isEqualTo(summary(1, 1, 0, 5, 4, 0, 1, 2, 1));
  }

  @Test
  void requiredBranchThatStaysFailedFailsTheParallelStepButAnOptionalOneDoesNot() {
    faults.on("#opt", 1.0, FaultKind.EMPTY_EXTRACTION).on("#req", 1.0, FaultKind.EMPTY_EXTRACTION);
    Workflow workflow =
        new Workflow(
            "fan",
            List.of(
                Node.parallel(
                    "tolerant",
                    List.of(step("opt", EXTRACT, "#opt").asOptional(), step("ok", TYPE, "#ok"))),
                Node.parallel(
                    "strict", List.of(step("req", EXTRACT, "#req"), step("ok2", TYPE, "#ok2")))));

    ExecutionResult result = loop(quiet(0.0, 1)).executeWorkflow(workflow);

    assertThat(result.error())
        .isEqualTo(
            "step strict failed: branch req failed: "
                + FaultKind.EMPTY_EXTRACTION.describe("#req"));
    // steps: tolerant + 2 branches + strict + 2 branches; failed: opt, req, strict.
    assertThat(engine.summary()).isEqualTo(summary(1, 0, 1, 6, 3, 3, 0, 2, 0));
  }

  @Test
  void crashPropagatesOutOfEveryEnclosingExecution() {
    faults.on("https://kyc", 0.0, FaultKind.APPLICATION_CRASHED);
    Workflow child = new Workflow("child", List.of(step("open-kyc", NAVIGATE, "https://kyc")));
    Workflow parent =
        new Workflow(
            "parent",
            List.of(
                step("p1", TYPE, "#p1"),
                Node.subWorkflow("verify", child),
                step("p3", TYPE, "#p3")));
    ExecutionLoop loop = loop(quiet(1.0, 3));

    assertThatThrownBy(() -> loop.executeWorkflow(parent))
        .isInstanceOf(ApplicationCrashedException.class)
        .hasMessage(FaultKind.APPLICATION_CRASHED.describe("https://kyc"));
    // A crash is never healed: no recovery; the crashed step and the step that ran the child fail.
    assertThat(engine.summary()).isEqualTo(summary(2, 0, 2, 3, 1, 2, 0, 0, 0));
  }

  @Test
  void crashDuringARetryFailsTheStepAndTheExecution() {
    faults.on("https://app", 0.0, FaultKind.PAGE_LOAD_TIMEOUT, FaultKind.APPLICATION_CRASHED);
    ExecutionLoop loop = loop(quiet(1.0, 3));

    assertThatThrownBy(
            () ->
                loop.executeWorkflow(
                    new Workflow("w", List.of(step("open", NAVIGATE, "https://app")))))
        .isInstanceOf(ApplicationCrashedException.class);
    assertThat(engine.summary()).isEqualTo(summary(1, 0, 1, 1, 0, 1, 0, 1, 0));
  }

  @Test
  void executeNodeOutsideAnExecutionIsRejected() {
    ExecutionLoop loop = loop(quiet(1.0, 3));

    assertThatThrownBy(() -> loop.executeNode(step("lonely", TYPE, "#x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lonely");
    assertThat(engine.summary().steps()).isZero();
  }

  @Test
  void sameRunRandomGivesTheSameExecution() {
    Workflow workflow = WorkflowCatalog.INVOICE_PROCESSING;
    Scenario demo = Scenario.named("demo").orElseThrow();
    List<ExecutionResult> results =
        java.util.stream.IntStream.range(0, 2)
            .mapToObj(
                i -> {
                  try (Engine e = Engine.builder(demo, 10).sleeper(Sleeper.none()).build()) {
                    return e.newLoop(3, new SplittableRandom(99)).executeWorkflow(workflow);
                  }
                })
            .toList();

    assertThat(results.get(0)).isEqualTo(results.get(1));
  }
}
