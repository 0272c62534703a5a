package io.rpainsights.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionGrammarTest {

  @Test
  void parsesEveryRootAndReportsWhatItUses() {
    assertThat(Expression.parse("this").usesThis()).isTrue();
    assertThat(Expression.parse("return.x").usesReturn()).isTrue();
    assertThat(Expression.parse("thrown.message").usesThrown()).isTrue();
    assertThat(Expression.parse("arg12.x").maxArgumentIndex()).isEqualTo(12);
    assertThat(Expression.parse("this.x").maxArgumentIndex()).isEqualTo(-1);
    Expression literal = Expression.parse("'text'");
    assertThat(literal.usesThis() || literal.usesReturn() || literal.usesThrown()).isFalse();
    assertThat(literal.maxArgumentIndex()).isEqualTo(-1);
  }

  @Test
  void whitespaceAroundTokensIsAllowedAndTextIsKept() {
    Expression expression = Expression.parse("  arg0 . nodes . size ( )  ==  '3' ");
    assertThat(expression.canonical()).isEqualTo("arg0.nodes.size() == '3'");
    assertThat(expression.text()).isEqualTo("  arg0 . nodes . size ( )  ==  '3' ");
  }

  @Test
  void keywordsCanBeMemberNames() {
    assertThat(Expression.parse("this.class.name").canonical()).isEqualTo("this.class.name");
    assertThat(Expression.parse("arg0.return").canonical()).isEqualTo("arg0.return");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``|1|expression is empty",
        "arg0..x|6|expected a member name after '.'",
        "arg0.|6|expected a member name after '.'",
        "node.id|1|expected this, argN, return, thrown or a quoted 'literal'",
        "arg0.x(1)|8|only calls without arguments",
        "arg0 == x|9|expected a quoted 'text'",
        "arg0 = 'x'|6|expected '==' or '!='",
        "'abc|1|unterminated literal",
        "arg0.x 'y'|8|unexpected '''",
        "arg01|1|no leading zeros",
        "arg255|1|beyond the JVM's 255 parameters",
        "arg0 == 'a' == 'b'|13|nothing can follow the comparison",
        "\"x\"|1|literals use single quotes",
        "this()|5|unexpected '('",
      })
  void invalidExpressionsNameTheColumn(String text, int column, String reason) {
    Throwable thrown = catchThrowable(() -> Expression.parse(text));
    assertThat(thrown).isInstanceOf(ExpressionException.class);
    ExpressionException error = (ExpressionException) thrown;
    assertThat(error.column()).isEqualTo(column);
    assertThat(error.getMessage())
        .contains(reason.replace("''''", "'''"))
        .contains("column " + column);
  }

  @Test
  void nullTextIsAnExpressionException() {
    assertThatThrownBy(() -> Expression.parse(null)).isInstanceOf(ExpressionException.class);
  }

  @Test
  void checkApplicableExplainsWhyNot() {
    assertThat(Expression.parse("arg7.x").checkApplicable(1, false, false))
        .isEqualTo("arg7 is beyond the 1 parameter(s)");
    assertThat(Expression.parse("arg0").checkApplicable(1, true, true)).isNull();
    assertThat(Expression.parse("return.ok").checkApplicable(0, false, true))
        .isEqualTo("'return' on a void method");
    assertThat(Expression.parse("return.ok").checkApplicable(0, false, false)).isNull();
    assertThat(Expression.parse("this.name").checkApplicable(0, true, false))
        .isEqualTo("'this' in a static method");
    assertThat(Expression.parse("thrown.message").checkApplicable(0, true, true)).isNull();
    assertThat(Expression.parse("'x'").checkApplicable(0, true, true)).isNull();
  }

  // ---- properties ----------------------------------------------------------------------------

  /** A generated expression: its canonical form and a rendering with arbitrary spacing. */
  static final class Generated {
    final String canonical;
    final String spaced;
    final int root;
    final int argument;

    Generated(String canonical, String spaced, int root, int argument) {
      this.canonical = canonical;
      this.spaced = spaced;
      this.root = root;
      this.argument = argument;
    }

    @Override
    public String toString() {
      return "[" + spaced + "]";
    }
  }

  @Property(tries = 400)
  void generatedExpressionsParseAndPrintBack(@ForAll("expressions") Generated generated) {
    Expression expression = Expression.parse(generated.spaced);
    assertThat(expression.canonical()).isEqualTo(generated.canonical);
    assertThat(expression.text()).isEqualTo(generated.spaced);
    assertThat(Expression.parse(expression.canonical()).canonical()).isEqualTo(generated.canonical);
    assertThat(expression.usesThis()).isEqualTo(generated.root == 0);
    assertThat(expression.usesReturn()).isEqualTo(generated.root == 2);
    assertThat(expression.usesThrown()).isEqualTo(generated.root == 3);
    assertThat(expression.maxArgumentIndex())
        .isEqualTo(generated.root == 1 ? generated.argument : -1);
  }

  @Property(tries = 1000)
  void anyTextEitherParsesOrThrowsExpressionException(@ForAll("noise") String text) {
    assertParsesOrFailsCleanly(text);
  }

  @Property(tries = 1000)
  void damagedExpressionsEitherParseOrThrowExpressionException(
      @ForAll("expressions") Generated generated,
      @ForAll @IntRange(min = 0, max = 200) int position,
      @ForAll("damage") String damage,
      @ForAll boolean delete) {
    String text = generated.spaced;
    int at = Math.min(position, text.length());
    String damaged =
        delete && at < text.length()
            ? text.substring(0, at) + text.substring(at + 1)
            : text.substring(0, at) + damage + text.substring(at);
    assertParsesOrFailsCleanly(damaged);
  }

  private static void assertParsesOrFailsCleanly(String text) {
    Throwable thrown = catchThrowable(() -> Expression.parse(text));
    if (thrown != null) {
      assertThat(thrown).isExactlyInstanceOf(ExpressionException.class);
      int column = ((ExpressionException) thrown).column();
      assertThat(column).isBetween(1, text.length() + 1);
    }
  }

  @Provide
  Arbitrary<Generated> expressions() {
    Arbitrary<Integer> roots = Arbitraries.integers().between(0, 4);
    Arbitrary<Integer> arguments = Arbitraries.integers().between(0, 254);
    Arbitrary<String> literals = Arbitraries.strings().withChars("ab .=!()\"$_-é").ofMaxLength(6);
    Arbitrary<String> names =
        Arbitraries.strings()
            .withChars("abcXYZ_$")
            .ofMinLength(1)
            .ofMaxLength(6)
            .filter(name -> !Character.isDigit(name.charAt(0)));
    Arbitrary<List<String>> steps =
        Combinators.combine(names, Arbitraries.of(true, false))
            .as((name, call) -> call ? name + "()" : name)
            .list()
            .ofMaxSize(4);
    Arbitrary<String> spaces = Arbitraries.of("", " ", "  ", "\t");
    Arbitrary<Integer> comparisons = Arbitraries.integers().between(0, 2);
    return Combinators.combine(
            roots, arguments, literals, steps, comparisons, literals, spaces.list().ofSize(12))
        .as(
            (root, argument, rootLiteral, stepList, comparison, compared, pads) -> {
              String rootText =
                  root == 0
                      ? "this"
                      : root == 1
                          ? "arg" + argument
                          : root == 2 ? "return" : root == 3 ? "thrown" : "'" + rootLiteral + "'";
              StringBuilder canonical = new StringBuilder(rootText);
              StringBuilder spaced = new StringBuilder(pads.get(0)).append(rootText);
              int pad = 1;
              for (String step : stepList) {
                canonical.append('.').append(step);
                String padded =
                    step.endsWith("()")
                        ? step.replace(
                            "()", pads.get(pad % 12) + "(" + pads.get((pad + 1) % 12) + ")")
                        : step;
                spaced
                    .append(pads.get(pad % 12))
                    .append('.')
                    .append(pads.get((pad + 2) % 12))
                    .append(padded);
                pad += 3;
              }
              if (comparison > 0) {
                String op = comparison == 1 ? "==" : "!=";
                canonical.append(' ').append(op).append(" '").append(compared).append('\'');
                spaced
                    .append(pads.get(10))
                    .append(op)
                    .append(pads.get(11))
                    .append('\'')
                    .append(compared)
                    .append('\'');
              }
              spaced.append(pads.get(pad % 12));
              return new Generated(canonical.toString(), spaced.toString(), root, argument);
            });
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.strings().withChars("argthisreturnthrown0123456789.()'=! $_").ofMaxLength(30));
  }

  @Provide
  Arbitrary<String> damage() {
    return Arbitraries.of(".", "(", ")", "'", "=", "!", " ", "0", "a", "==", "\u0000", "\uD800");
  }
}
