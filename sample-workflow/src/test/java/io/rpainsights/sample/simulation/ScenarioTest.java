package io.rpainsights.sample.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioTest {

  @Test
  void cliScenariosExistInTheDocumentedOrder() {
    assertThat(Scenario.names()).containsExactly("default", "degradation", "spikes", "demo");
    assertThat(Scenario.named("chaos")).isEmpty();
  }

  @Test
  void onlyTheDegradationScenariosDegradeAndOnlySpikesAndDemoSpikeOften() {
    Scenario normal = Scenario.named("default").orElseThrow();
    Scenario degradation = Scenario.named("degradation").orElseThrow();
    Scenario spikes = Scenario.named("spikes").orElseThrow();
    Scenario demo = Scenario.named("demo").orElseThrow();

    assertThat(normal.degradation()).isNull();
    assertThat(spikes.degradation()).isNull();
    assertThat(degradation.degradation()).isEqualTo(Scenario.INVOICE_TOTAL_SLOWDOWN);
    assertThat(demo.degradation()).isEqualTo(Scenario.INVOICE_TOTAL_SLOWDOWN);
    assertThat(normal.spikeProbability()).isEqualTo(0.01);
    assertThat(spikes.spikeProbability()).isGreaterThan(3 * normal.spikeProbability());
    assertThat(demo.spikeProbability()).isGreaterThan(normal.spikeProbability());
    assertThat(demo.alternativeSelectorSuccess()).isLessThan(normal.alternativeSelectorSuccess());
  }

  @Test
  void impossibleSettingsAreRejected() {
    assertThatThrownBy(() -> new Scenario("x", "x", 1.5, 10, null, 1, 1, 0.5, 0.5, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Degradation("w", "n", 3, 1.2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
