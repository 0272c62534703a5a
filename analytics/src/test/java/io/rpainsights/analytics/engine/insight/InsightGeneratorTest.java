package io.rpainsights.analytics.engine.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.generate.GenerationSummary;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Insights on a generated history whose problems are known. */
class InsightGeneratorTest {
  @TempDir static Path dir;
  static Path db;
  static GenerationSummary truth;

  @BeforeAll
  static void store() {
    db = dir.resolve("i.db");
    truth =
        new HistoryGenerator()
            .generate(
                db, GeneratorConfig.of(12_000, Duration.ofDays(14), 6, 8, StoreFixture.NOW), null);
  }

  static List<Insight> insights(String workflow) {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      return a.insights().insights(new InsightQuery(workflow, 14));
    }
  }

  @Test
  void theInjectedDegradationIsTheTopInsight() {
    List<Insight> all = insights(null);
    Insight top = all.get(0);
    assertThat(top.category()).isEqualTo("degradation");
    assertThat(top.workflowId()).isEqualTo(truth.degradedWorkflowId());
    assertThat(top.nodeId()).isEqualTo(truth.degradedNodeId());
    assertThat(all).filteredOn(i -> i.category().equals("degradation")).hasSize(1);
  }

  @Test
  void everyCategoryThatTheHistoryContainsIsFound() {
    List<Insight> all = insights(null);
    assertThat(all)
        .anySatisfy(
            i -> {
              assertThat(i.category()).isEqualTo("ineffective-recovery");
              assertThat(i.workflowId()).isEqualTo("kyc-verification");
              assertThat(i.subject()).isEqualTo("restart-app");
              assertThat(i.recommendation()).contains("wait-and-retry");
            });
    assertThat(all)
        .anySatisfy(
            i -> {
              assertThat(i.category()).isEqualTo("low-success-rate");
              assertThat(i.workflowId()).isEqualTo("kyc-verification");
              assertThat((double) i.metricValue()).isLessThan(0.95);
            });
    assertThat(all).anyMatch(i -> i.category().equals("dominant-bottleneck"));
    assertThat(all).anyMatch(i -> i.category().equals("resource-bound"));
  }

  @Test
  void priorityIsImpactTimesEaseAndTheListIsSortedByIt() {
    List<Insight> all = insights(null);
    assertThat(all).isSortedAccordingTo(Comparator.comparingDouble(Insight::priority).reversed());
    for (Insight i : all) {
      assertThat(i.priority()).isCloseTo(i.impact() * i.ease(), within(1e-12));
      assertThat(i.priority()).isBetween(0.0, 1.0);
      assertThat(i.priorityReason()).contains("impact").contains("ease");
      assertThat(i.title()).isNotBlank();
      assertThat(i.description()).isNotBlank();
      assertThat(i.recommendation()).isNotBlank();
      assertThat(i.expectedImpact()).isNotBlank();
      assertThat(i.status()).isEqualTo("open");
    }
  }

  @Test
  void idsAreStableForTheSameWorkflowNodeAndCategory() {
    List<Insight> first = insights(null);
    List<Insight> again = insights(null);
    assertThat(again)
        .extracting(Insight::id)
        .containsExactlyElementsOf(first.stream().map(Insight::id).toList());
    for (Insight i : first) {
      assertThat(i.id())
          .isEqualTo(
              InsightIds.of(
                  i.workflowId(),
                  i.nodeId(),
                  java.util.Arrays.stream(InsightCategory.values())
                      .filter(c -> c.id().equals(i.category()))
                      .findFirst()
                      .orElseThrow(),
                  i.subject()))
          .matches("[0-9a-f]{10}");
    }
    assertThat(first).extracting(Insight::id).doesNotHaveDuplicates();
    List<Insight> one = insights("kyc-verification");
    assertThat(one).allMatch(i -> i.workflowId().equals("kyc-verification"));
    assertThat(first.stream().map(Insight::id)).containsAll(one.stream().map(Insight::id).toList());
  }
}
