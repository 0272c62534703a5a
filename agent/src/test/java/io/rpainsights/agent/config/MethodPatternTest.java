package io.rpainsights.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MethodPatternTest {

  @Test
  void exactNameWithoutArityMatchesEveryOverload() {
    MethodPattern pattern = MethodPattern.of("executeNode", null);
    assertThat(pattern.matches("executeNode", 0)).isTrue();
    assertThat(pattern.matches("executeNode", 3)).isTrue();
    assertThat(pattern.matches("executeNodes", 1)).isFalse();
    assertThat(pattern.arity()).isNull();
    assertThat(pattern.exactName()).isEqualTo("executeNode");
  }

  @Test
  void arityPicksOneOverload() {
    MethodPattern pattern = MethodPattern.of("execute", 2);
    assertThat(pattern.matches("execute", 2)).isTrue();
    assertThat(pattern.matches("execute", 1)).isFalse();
    assertThat(pattern.toString()).isEqualTo("execute/2");
    assertThat(pattern.text()).isEqualTo("execute");
  }

  @Test
  void starsMatchAnyCharacters() {
    MethodPattern detect = MethodPattern.of("detect*", null);
    assertThat(detect.matches("detect", 0)).isTrue();
    assertThat(detect.matches("detectButton", 1)).isTrue();
    assertThat(detect.matches("redetect", 1)).isFalse();
    MethodPattern middle = MethodPattern.of("*Node*", 1);
    assertThat(middle.matches("executeNodeAsync", 1)).isTrue();
    assertThat(middle.matches("executeNodeAsync", 2)).isFalse();
    assertThat(MethodPattern.of("*", null).matches("anything", 9)).isTrue();
    assertThat(MethodPattern.of("get*Id", null).matches("getId", 0)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", " ", "execute()", "Loop#execute", "a.b", "<init>", "1abc", "exe cute"})
  void illegalNamesAreRejected(String text) {
    assertThatThrownBy(() -> MethodPattern.of(text, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void arityOutsideTheJvmLimitIsRejected() {
    assertThatThrownBy(() -> MethodPattern.of("run", -1)).hasMessageContaining("0 to 255");
    assertThatThrownBy(() -> MethodPattern.of("run", 256)).hasMessageContaining("0 to 255");
    assertThat(MethodPattern.of("run", 255).matches("run", 255)).isTrue();
  }

  @Test
  void parenthesesGetAHintAboutArgs() {
    assertThatThrownBy(() -> MethodPattern.of("execute(", null)).hasMessageContaining("args: N");
  }
}
