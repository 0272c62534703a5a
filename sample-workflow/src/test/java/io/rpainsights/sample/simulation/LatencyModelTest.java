package io.rpainsights.sample.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rpainsights.sample.ActionTypes;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the model against closed-form lognormal facts (median = e^μ, p95/median = e^(1.6449σ)),
 * computed from samples sorted here, never against the model's own summaries.
 */
class LatencyModelTest {

  private static final int DRAWS = 40_001;
  private static final double Z95 = 1.6448536269514722;

  private static Scenario withSpikes(double probability, double factor, Degradation degradation) {
    return new Scenario("t", "t", probability, factor, degradation, 1, 1, 0.5, 0.5, 2);
  }

  private static double[] sorted(LatencyModel model, String nodeId, String type, int runIndex) {
    SplittableRandom random = new SplittableRandom(11);
    double[] samples = new double[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      samples[i] = model.sampleMs("wf", nodeId, type, runIndex, random);
    }
    Arrays.sort(samples);
    return samples;
  }

  /** R-7 on sorted data: h = (n-1)p, x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1]-x[⌊h⌋]). */
  private static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ActionTypes.NAVIGATE,
        ActionTypes.CLICK,
        ActionTypes.TYPE,
        ActionTypes.EXTRACT,
        ActionTypes.OCR,
        ActionTypes.WAIT,
        ActionTypes.API_CALL
      })
  void sampledMedianAndTailMatchTheLognormalProfile(String actionType) {
    Lognormal profile = LatencyModel.profile(actionType);
    double[] samples = sorted(new LatencyModel(withSpikes(0, 1, null), 100), "n", actionType, 0);

    assertThat(quantile(samples, 0.5))
        .isCloseTo(profile.medianMs(), within(profile.medianMs() * 0.02));
    assertThat(quantile(samples, 0.95) / quantile(samples, 0.5))
        .isCloseTo(Math.exp(Z95 * profile.sigma()), within(0.04));
  }

  @Test
  void mediansAreAFewMillisecondsAndPageLoadsAndApiCallsAreTheSlowest() {
    for (String type : ActionTypes.ALL) {
      assertThat(LatencyModel.profile(type).medianMs()).isBetween(0.1, 10.0);
    }
    double click = LatencyModel.profile(ActionTypes.CLICK).medianMs();
    double navigate = LatencyModel.profile(ActionTypes.NAVIGATE).medianMs();
    double api = LatencyModel.profile(ActionTypes.API_CALL).medianMs();
    double extract = LatencyModel.profile(ActionTypes.EXTRACT).medianMs();
    assertThat(navigate / click).isBetween(2.0, 5.0);
    assertThat(navigate).isGreaterThan(api);
    assertThat(api).isGreaterThan(extract);
    assertThat(extract).isGreaterThan(click);
  }

  @Test
  void spikesMultiplyAShareOfStepsByTheFactorWithoutShiftingLaterDraws() {
    LatencyModel calm = new LatencyModel(withSpikes(0.0, 12, null), 100);
    LatencyModel spiky = new LatencyModel(withSpikes(0.05, 12, null), 100);
    SplittableRandom a = new SplittableRandom(3);
    SplittableRandom b = new SplittableRandom(3);
    int spikes = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      double ratio =
          spiky.sampleMs("wf", "n", ActionTypes.CLICK, 0, b)
              / calm.sampleMs("wf", "n", ActionTypes.CLICK, 0, a);
      if (ratio > 1.0 + 1e-9) {
        assertThat(ratio).isCloseTo(12.0, within(1e-9));
        spikes++;
      } else {
        assertThat(ratio).isCloseTo(1.0, within(1e-9));
      }
    }
    // Binomial(100000, 0.05): σ ≈ 69, so ±350 is five σ.
    assertThat(spikes).isBetween(5000 - 350, 5000 + 350);
  }

  @Test
  void degradedStepIsThreeTimesSlowerFromSixtyPercentOfTheRunsOn() {
    Scenario scenario = Scenario.named("degradation").orElseThrow();
    LatencyModel model = new LatencyModel(scenario, 100);
    Degradation d = scenario.degradation();

    assertThat(d.startIndex(100)).isEqualTo(60);
    assertThat(model.slowdown(d.workflowId(), d.nodeId(), 59)).isEqualTo(1.0);
    assertThat(model.slowdown(d.workflowId(), d.nodeId(), 60)).isEqualTo(3.0);
    assertThat(model.slowdown(d.workflowId(), "another-node", 99)).isEqualTo(1.0);
    assertThat(model.slowdown("another-workflow", d.nodeId(), 99)).isEqualTo(1.0);

    double before = sampledMedian(model, d, 10);
    double after = sampledMedian(model, d, 80);
    assertThat(after / before).isCloseTo(3.0, within(0.1));
  }

  @Test
  void switchPointFollowsTheRunCountNotTheClock() {
    Scenario scenario = Scenario.named("demo").orElseThrow();
    Degradation d = scenario.degradation();

    assertThat(new LatencyModel(scenario, 1000).slowdown(d.workflowId(), d.nodeId(), 599))
        .isEqualTo(1.0);
    assertThat(new LatencyModel(scenario, 1000).slowdown(d.workflowId(), d.nodeId(), 600))
        .isEqualTo(3.0);
    assertThat(
            new LatencyModel(Scenario.named("default").orElseThrow(), 1000)
                .slowdown(d.workflowId(), d.nodeId(), 999))
        .isEqualTo(1.0);
  }

  private static double sampledMedian(LatencyModel model, Degradation d, int runIndex) {
    SplittableRandom random = new SplittableRandom(17);
    double[] samples = new double[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      samples[i] =
          model.sampleMs(d.workflowId(), d.nodeId(), ActionTypes.EXTRACT, runIndex, random);
    }
    Arrays.sort(samples);
    return quantile(samples, 0.5);
  }
}
