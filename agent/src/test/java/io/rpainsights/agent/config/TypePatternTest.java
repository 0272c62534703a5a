package io.rpainsights.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypePatternTest {

  @Test
  void aNestedClassMayBeWrittenAsJavaSourceWritesIt() {
    TypePattern pattern = TypePattern.of("com.acme.Engine.Step");
    assertThat(pattern.matches("com.acme.Engine$Step")).isTrue();
    assertThat(pattern.matches("com.acme.Engine.Step"))
        .isTrue(); // a class Step in package ...Engine
    assertThat(pattern.matches("com.acme.Engine$Steps")).isFalse();
    assertThat(TypePattern.of("com.acme.Engine$Step").matches("com.acme.Engine.Step")).isFalse();
  }

  @Test
  void exactNameMatchesOnlyItself() {
    TypePattern pattern = TypePattern.of("com.example.rpa.ExecutionLoop");
    assertThat(pattern.exactName()).isEqualTo("com.example.rpa.ExecutionLoop");
    assertThat(pattern.includesSubtypes()).isFalse();
    assertThat(pattern.matches("com.example.rpa.ExecutionLoop")).isTrue();
    assertThat(pattern.matches("com.example.rpa.ExecutionLoop2")).isFalse();
    assertThat(pattern.matches("com.example.rpa.ExecutionLoop$Inner")).isFalse();
    assertThat(pattern.matches(null)).isFalse();
  }

  @Test
  void singleStarStaysWithinOneSegment() {
    TypePattern pattern = TypePattern.of("com.example.rpa.vision.*Detector");
    assertThat(pattern.exactName()).isNull();
    assertThat(pattern.matches("com.example.rpa.vision.OcrDetector")).isTrue();
    assertThat(pattern.matches("com.example.rpa.vision.Detector")).isTrue();
    assertThat(pattern.matches("com.example.rpa.vision.sub.OcrDetector")).isFalse();
    assertThat(pattern.matches("com.example.rpa.vision.OcrDetectorFactory")).isFalse();
    assertThat(TypePattern.of("com.*.Loop").matches("com.a.Loop")).isTrue();
    assertThat(TypePattern.of("com.*.Loop").matches("com.a.b.Loop")).isFalse();
  }

  @Test
  void doubleStarCrossesSegments() {
    TypePattern pattern = TypePattern.of("com.example.**");
    assertThat(pattern.matches("com.example.Loop")).isTrue();
    assertThat(pattern.matches("com.example.deep.er.Loop")).isTrue();
    assertThat(pattern.matches("com.other.Loop")).isFalse();
    TypePattern middle = TypePattern.of("com.**.Node");
    assertThat(middle.matches("com.a.b.c.Node")).isTrue();
    assertThat(middle.matches("com.a.Node")).isTrue();
    // '**' is "any characters", so at least the dots around it must be there.
    assertThat(middle.matches("com.Node")).isFalse();
  }

  @Test
  void nestedClassesUseDollarAndStarCrossesIt() {
    assertThat(TypePattern.of("com.x.Outer$Inner").matches("com.x.Outer$Inner")).isTrue();
    assertThat(TypePattern.of("com.x.Outer$*").matches("com.x.Outer$Inner")).isTrue();
    assertThat(TypePattern.of("com.x.Outer$*").matches("com.x.Outer$1")).isTrue();
    assertThat(TypePattern.of("com.x.Outer$*").matches("com.x.Outer")).isFalse();
    assertThat(TypePattern.of("com.x.*Node").matches("com.x.Outer$StartNode")).isTrue();
  }

  @Test
  void trailingPlusMeansSubtypesAndIsNotPartOfTheName() {
    TypePattern pattern = TypePattern.of("com.example.rpa.Node+");
    assertThat(pattern.includesSubtypes()).isTrue();
    assertThat(pattern.exactName()).isEqualTo("com.example.rpa.Node");
    assertThat(pattern.matches("com.example.rpa.Node")).isTrue();
    assertThat(pattern.text()).isEqualTo("com.example.rpa.Node+");
    TypePattern wildcard = TypePattern.of("com.example.*Handler+");
    assertThat(wildcard.includesSubtypes()).isTrue();
    assertThat(wildcard.matches("com.example.ClickHandler")).isTrue();
  }

  @Test
  void surroundingWhitespaceIsTrimmed() {
    assertThat(TypePattern.of("  com.x.Loop ").text()).isEqualTo("com.x.Loop");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "+",
        "com..x",
        ".com.x",
        "com.x.",
        "com.x+y",
        "com.x++",
        "com x.Loop",
        "com.1x.Loop",
        "com.x-y.Loop",
        "com.x.Loop()",
        "com/x/Loop",
        "com.***.Loop"
      })
  void illegalPatternsAreRejectedWithAReason(String text) {
    assertThatThrownBy(() -> TypePattern.of(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("Exception");
  }

  @Test
  void nullIsRejected() {
    assertThatThrownBy(() -> TypePattern.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("type pattern is missing");
  }

  @Test
  void messagesSayWhatIsWrong() {
    assertThatThrownBy(() -> TypePattern.of("com..x")).hasMessageContaining("empty name segment");
    assertThatThrownBy(() -> TypePattern.of("com.x+y")).hasMessageContaining("only at the end");
  }

  @Test
  void allWildcardPatternsAreAllowedBecauseTheMethodPatternNarrowsThem() {
    assertThat(TypePattern.of("**").matches("com.example.Anything$Inner")).isTrue();
    assertThat(TypePattern.of("*.*").matches("com.Loop")).isTrue();
    assertThat(TypePattern.of("*.*").matches("com.x.Loop")).isFalse();
    assertThat(TypePattern.of("*+").includesSubtypes()).isTrue();
  }

  // ---- matching agrees with an independent regular-expression translation -----------------

  @Property(tries = 500)
  void matchingAgreesWithRegexTranslation(
      @ForAll("patterns") String pattern, @ForAll("names") List<String> names) {
    TypePattern compiled;
    try {
      compiled = TypePattern.of(pattern);
    } catch (IllegalArgumentException rejected) {
      assertThat(pattern.contains("***") || pattern.replace("*", "").replace(".", "").isEmpty())
          .as("only '***' or wildcard-only patterns are rejected here: %s", pattern)
          .isTrue();
      return;
    }
    Pattern oracle = toRegex(pattern);
    for (String name : names) {
      assertThat(compiled.matches(name))
          .as("%s vs %s", pattern, name)
          .isEqualTo(oracle.matcher(name).matches());
    }
  }

  @Provide
  Arbitrary<String> patterns() {
    Arbitrary<String> segment =
        Arbitraries.of('a', 'b', '$', '*')
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(TypePatternTest::join);
    return segment.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join(".", parts));
  }

  @Provide
  Arbitrary<List<String>> names() {
    Arbitrary<String> segment =
        Arbitraries.of('a', 'b', '$').list().ofMinSize(1).ofMaxSize(4).map(TypePatternTest::join);
    return segment
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(parts -> String.join(".", parts))
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  private static String join(List<Character> chars) {
    StringBuilder out = new StringBuilder();
    chars.forEach(out::append);
    return out.toString();
  }

  private static Pattern toRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        int run = 0;
        while (i < pattern.length() && pattern.charAt(i) == '*') {
          run++;
          i++;
        }
        i--;
        regex.append(run == 1 ? "[^.]*" : ".*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
