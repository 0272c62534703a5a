package io.rpainsights.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.sample.actions.ActionRegistry;
import io.rpainsights.sample.healing.SelfHealingEngine;
import io.rpainsights.sample.simulation.LatencyModel;
import io.rpainsights.sample.simulation.Scenario;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WorkflowCatalogTest {

  private static Stream<Node> allNodes(Workflow workflow) {
    return workflow.nodes().stream()
        .flatMap(
            node ->
                Stream.concat(
                    Stream.concat(Stream.of(node), node.branches().stream()),
                    node.subWorkflow() == null ? Stream.empty() : allNodes(node.subWorkflow())));
  }

  @Test
  void fourWorkflowsOfFiveToTwelveNodes() {
    assertThat(WorkflowCatalog.topLevel())
        .extracting(Workflow::workflowId)
        .containsExactly(
            "invoice-processing", "customer-onboarding", "report-download", "email-triage");
    assertThat(WorkflowCatalog.topLevel())
        .allSatisfy(w -> assertThat(w.nodes()).hasSizeBetween(5, 12));
  }

  @Test
  void oneWorkflowNestsAChildAndAnotherFansOutTwoToFourBranches() {
    assertThat(WorkflowCatalog.topLevel())
        .filteredOn(w -> w.nodes().stream().anyMatch(n -> n.subWorkflow() != null))
        .containsExactly(WorkflowCatalog.CUSTOMER_ONBOARDING);
    assertThat(WorkflowCatalog.topLevel())
        .filteredOn(w -> w.nodes().stream().anyMatch(n -> !n.branches().isEmpty()))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w).isEqualTo(WorkflowCatalog.REPORT_DOWNLOAD);
              assertThat(w.stepCount()).isEqualTo(w.nodes().size() + 4);
            });
  }

  @Test
  void everyNodeHasAnActionALatencyProfileAndHealingWhereItsActionCanFail() {
    ActionRegistry actions = ActionRegistry.standard();
    SelfHealingEngine healing =
        SelfHealingEngine.forScenario(Scenario.named("default").orElseThrow());
    WorkflowCatalog.topLevel().stream()
        .flatMap(WorkflowCatalogTest::allNodes)
        .forEach(
            node -> {
              assertThat(actions.supports(node.actionType())).as(node.nodeId()).isTrue();
              assertThat(LatencyModel.profile(node.actionType())).isNotNull();
              boolean composite = node.subWorkflow() != null || !node.branches().isEmpty();
              assertThat(healing.canHeal(node)).as(node.nodeId()).isEqualTo(!composite);
            });
  }

  @Test
  void degradedStepExistsInItsWorkflow() {
    var degradation = Scenario.INVOICE_TOTAL_SLOWDOWN;
    Workflow workflow =
        WorkflowCatalog.topLevel().stream()
            .filter(w -> w.workflowId().equals(degradation.workflowId()))
            .findFirst()
            .orElseThrow();

    assertThat(workflow.nodes()).extracting(Node::nodeId).contains(degradation.nodeId());
  }

  @Test
  void runsPickWorkflowsInProportionToTheirWeights() {
    int n = 100_000;
    SplittableRandom random = new SplittableRandom(31);
    Map<Workflow, Long> counts =
        Stream.generate(() -> WorkflowCatalog.pick(random))
            .limit(n)
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

    List<Workflow> workflows = WorkflowCatalog.topLevel();
    assertThat(workflows.stream().mapToDouble(WorkflowCatalog::weightOf).sum())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    for (Workflow workflow : workflows) {
      double p = WorkflowCatalog.weightOf(workflow);
      double tolerance = 5 * Math.sqrt(n * p * (1 - p));
      assertThat((double) counts.get(workflow)).isBetween(n * p - tolerance, n * p + tolerance);
    }
  }
}
