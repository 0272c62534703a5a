package io.rpainsights.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.agent.config.fixtures.Fixtures;
import io.rpainsights.agent.config.fixtures.Fixtures.Derived;
import io.rpainsights.agent.config.fixtures.Fixtures.Named;
import io.rpainsights.agent.config.fixtures.Fixtures.Node;
import io.rpainsights.agent.config.fixtures.Fixtures.Result;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ExpressionEvaluationTest {

  private final RecordingProblems problems = new RecordingProblems();

  private Object eval(String expression, Object self, Object... args) {
    return Expression.parse(expression).evaluate(self, args, null, null, problems);
  }

  // ---- roots ------------------------------------------------------------------------------

  @Test
  void rootsReadReceiverArgumentsReturnAndThrown() {
    Throwable failure = new IllegalArgumentException("bad");
    Expression self = Expression.parse("this");
    Expression arg1 = Expression.parse("arg1");
    Expression returned = Expression.parse("return");
    Expression thrown = Expression.parse("thrown.message");
    Object[] args = {"a", "b"};
    assertThat(self.evaluate("me", args, "r", failure, problems)).isEqualTo("me");
    assertThat(arg1.evaluate("me", args, "r", failure, problems)).isEqualTo("b");
    assertThat(returned.evaluate("me", args, "r", failure, problems)).isEqualTo("r");
    assertThat(thrown.evaluate("me", args, "r", failure, problems)).isEqualTo("bad");
  }

  @Test
  void literalIsItsText() {
    assertThat(eval("'hello world'", null)).isEqualTo("hello world");
    assertThat(eval("'hello'.length()", null)).isEqualTo(5);
  }

  @Test
  void argumentBeyondTheCallOrNullArgumentsYieldNull() {
    assertThat(eval("arg3", null, "only")).isNull();
    assertThat(Expression.parse("arg0").evaluate(null, null, null, null, problems)).isNull();
    assertThat(problems.reports).isEmpty();
  }

  // ---- member resolution ------------------------------------------------------------------

  @Test
  void stepPrefersMethodThenGetterThenIsGetterThenField() {
    Node node = new Node("n1", "click", true, List.of("a", "b"));
    assertThat(eval("arg0.actionType", null, node)).isEqualTo("method:click");
    assertThat(eval("arg0.nodeId", null, node)).isEqualTo("n1");
    assertThat(eval("arg0.active", null, node)).isEqualTo(Boolean.TRUE);
    assertThat(eval("arg0.publicField", null, node)).isEqualTo("pf");
    assertThat(eval("arg0.getNodeId()", null, node)).isEqualTo("n1");
    assertThat(problems.reports).isEmpty();
  }

  @Test
  void explicitCallOnlyTriesTheMethod() {
    Node node = new Node("n1", "click", true, List.of());
    assertThat(eval("arg0.nodeId()", null, node)).isNull();
    assertThat(problems.reports).containsExactly("missing Node.nodeId()");
  }

  @Test
  void recordStyleAccessorsAreMethods() {
    Result result = new Result(false, "timeout");
    assertThat(eval("return.success", null)).isNull();
    assertThat(Expression.parse("return.success").evaluate(null, null, result, null, problems))
        .isEqualTo(Boolean.FALSE);
    assertThat(Expression.parse("return.error()").evaluate(null, null, result, null, problems))
        .isEqualTo("timeout");
  }

  @Test
  void fieldsIncludeInheritedPrivateAndProtectedOnes() {
    Derived derived = new Derived();
    assertThat(eval("this.secret", derived)).isEqualTo("inherited-private");
    assertThat(eval("this.counter", derived)).isEqualTo(7);
    assertThat(problems.reports).isEmpty();
  }

  @Test
  void primitivesComeBackBoxed() {
    assertThat(eval("arg0.length()", null, "abcd")).isInstanceOf(Integer.class).isEqualTo(4);
    assertThat(eval("arg0.empty", null, "")).isEqualTo(Boolean.TRUE);
  }

  @Test
  void publicMethodOfNonPublicJdkClassResolvesThroughItsInterface() {
    List<Integer> list = List.of(1, 2);
    assertThat(Modifier.isPublic(list.getClass().getModifiers())).isFalse();
    assertThat(eval("arg0.size()", null, list)).isEqualTo(2);
    assertThat(eval("arg0.size", null, List.of(1, 2, 3, 4))).isEqualTo(4);
    assertThat(eval("arg0.empty", null, Collections.emptyList())).isEqualTo(Boolean.TRUE);
    assertThat(problems.reports).isEmpty();
  }

  @Test
  void lambdaAndNonPublicImplementationsResolveThroughPublicInterfaces() {
    Supplier<String> lambda = () -> "from lambda";
    assertThat(eval("this.get()", lambda)).isEqualTo("from lambda");
    assertThat(eval("this.name", Fixtures.hiddenNamed())).isEqualTo("hidden");
    Named anonymous =
        new Named() {
          @Override
          public String name() {
            return "anonymous";
          }
        };
    assertThat(eval("this.name()", anonymous)).isEqualTo("anonymous");
    assertThat(problems.reports).isEmpty();
  }

  @Test
  void publicMethodDeclaredByNoPublicTypeIsMadeAccessible() {
    assertThat(eval("this.only", Fixtures.packagePrivate())).isEqualTo("only");
    assertThat(problems.reports).isEmpty();
  }

  @Test
  void chainsThroughCollectionsAndNestedValues() {
    Node node = new Node("n1", "click", true, new ArrayList<>(Arrays.asList("a", "b", "c")));
    assertThat(eval("arg0.children.size()", null, node)).isEqualTo(3);
    assertThat(eval("arg0.nodeId.length()", null, node)).isEqualTo(2);
    assertThat(eval("this.class.simpleName", node)).isEqualTo("Node");
  }

  @Test
  void arrayLengthWorksForObjectAndPrimitiveArrays() {
    assertThat(eval("arg0.length", null, (Object) new String[] {"x", "y"})).isEqualTo(2);
    assertThat(eval("arg0.length", null, (Object) new int[7])).isEqualTo(7);
    assertThat(eval("arg0.sizes.length", null, new Node("n", "t", true, List.of()))).isEqualTo(3);
    assertThat(eval("arg0.length()", null, (Object) new int[1])).isNull();
    assertThat(problems.reports).containsExactly("missing int[].length()");
  }

  @Test
  void staticAndVoidMethodsAreNotValues() {
    Node node = new Node("n", "t", true, List.of());
    assertThat(eval("arg0.static", null, node)).isNull();
    assertThat(eval("arg0.nothing", null, node)).isNull();
    assertThat(problems.reports).containsExactly("missing Node.static", "missing Node.nothing");
  }

  // ---- comparisons and nulls ----------------------------------------------------------------

  @Test
  void comparisonsUseTheStringFormAndYieldBooleans() {
    Result ok = new Result(true, null);
    Expression equal = Expression.parse("return.success == 'true'");
    Expression notEqual = Expression.parse("return.success != 'true'");
    assertThat(equal.evaluate(null, null, ok, null, problems)).isEqualTo(Boolean.TRUE);
    assertThat(notEqual.evaluate(null, null, ok, null, problems)).isEqualTo(Boolean.FALSE);
    assertThat(eval("arg0 == 'Node(n)'", null, new Node("n", "t", true, List.of())))
        .isEqualTo(Boolean.TRUE);
    assertThat(eval("arg0 == '42'", null, 42)).isEqualTo(Boolean.TRUE);
    assertThat(eval("'a' != 'b'", null)).isEqualTo(Boolean.TRUE);
  }

  @Test
  void nullAnywhereYieldsNullWithoutAReport() {
    Result noError = new Result(true, null);
    assertThat(
            Expression.parse("return.error.length()").evaluate(null, null, noError, null, problems))
        .isNull();
    assertThat(
            Expression.parse("return.error == 'x'").evaluate(null, null, noError, null, problems))
        .isNull();
    assertThat(
            Expression.parse("return.error != 'x'").evaluate(null, null, noError, null, problems))
        .isNull();
    assertThat(eval("this.anything", null)).isNull();
    assertThat(problems.reports).isEmpty();
  }

  @Test
  void toStringThatThrowsIsReportedAndYieldsNull() {
    assertThat(eval("this == 'x'", Fixtures.exploding())).isNull();
    assertThat(problems.reports)
        .containsExactly("failed Exploding.toString(): UnsupportedOperationException");
  }

  // ---- problems -----------------------------------------------------------------------------

  @Test
  void missingMemberIsReportedOncePerRuntimeClass() {
    Expression expression = Expression.parse("arg0.nodeId");
    for (int i = 0; i < 3; i++) {
      assertThat(expression.evaluate(null, new Object[] {"a string"}, null, null, problems))
          .isNull();
      assertThat(expression.evaluate(null, new Object[] {7}, null, null, problems)).isNull();
    }
    assertThat(
            expression.evaluate(
                null, new Object[] {new Node("n", "t", true, List.of())}, null, null, problems))
        .isEqualTo("n");
    assertThat(problems.reports).containsExactly("missing String.nodeId", "missing Integer.nodeId");
  }

  @Test
  void throwingGetterIsReportedEveryTimeAndYieldsNull() {
    Node node = new Node("n", "t", true, List.of());
    Expression expression = Expression.parse("arg0.broken");
    assertThat(expression.evaluate(null, new Object[] {node}, null, null, problems)).isNull();
    assertThat(expression.evaluate(null, new Object[] {node}, null, null, problems)).isNull();
    assertThat(problems.reports)
        .containsExactly(
            "failed Node.broken: IllegalStateException",
            "failed Node.broken: IllegalStateException");
  }

  @Test
  void reporterThatThrowsIsSwallowedAndNullProblemsAreAllowed() {
    ExpressionProblems hostile =
        new ExpressionProblems() {
          @Override
          public void memberMissing(Expression expression, Class<?> type, String member) {
            throw new IllegalStateException("reporter bug");
          }

          @Override
          public void accessFailed(
              Expression expression, Class<?> type, String member, Throwable cause) {
            throw new IllegalStateException("reporter bug");
          }
        };
    Node node = new Node("n", "t", true, List.of());
    assertThat(
            Expression.parse("arg0.missing")
                .evaluate(null, new Object[] {node}, null, null, hostile))
        .isNull();
    assertThat(
            Expression.parse("arg0.broken")
                .evaluate(null, new Object[] {node}, null, null, hostile))
        .isNull();
    assertThat(Expression.parse("arg0.other").evaluate(null, new Object[] {node}, null, null, null))
        .isNull();
  }

  @Test
  void concurrentEvaluationAgreesAndReportsAMissingMemberOnce() throws Exception {
    Expression present = Expression.parse("arg0.nodeId.length()");
    Expression absent = Expression.parse("arg0.nope");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(
            () -> {
              int sum = 0;
              for (int i = 0; i < 2_000; i++) {
                Node node = new Node("node" + (i % 10), "t", true, List.of());
                sum += (Integer) present.evaluate(null, new Object[] {node}, null, null, problems);
                absent.evaluate(null, new Object[] {node}, null, null, problems);
              }
              return sum;
            });
      }
      int expected = 2_000 * 5; // "nodeN" has 5 characters
      for (Future<Integer> result : pool.invokeAll(tasks)) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(problems.reports).containsExactly("missing Node.nope");
  }
}
