package io.rpainsights.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.agent.config.TypePattern;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class RuleTypeMatcherTest {

  /** A nested base type, as engines often declare node types. */
  public abstract static class Node {}

  /** Implements it. */
  public static final class ClickNode extends Node {}

  private final ClassLoader loader = RuleTypeMatcherTest.class.getClassLoader();

  @Test
  void subtypesOfANestedBaseMatchWhetherItIsWrittenAsSourceOrBinaryName() {
    TypeDescription click = TypeDescription.ForLoadedType.of(ClickNode.class);
    String outer = RuleTypeMatcherTest.class.getName();

    assertThat(new RuleTypeMatcher(TypePattern.of(outer + "$Node+")).matches(click, loader))
        .isTrue();
    assertThat(new RuleTypeMatcher(TypePattern.of(outer + ".Node+")).matches(click, loader))
        .isTrue();
    assertThat(new RuleTypeMatcher(TypePattern.of(outer + ".Other+")).matches(click, loader))
        .isFalse();
  }
}
