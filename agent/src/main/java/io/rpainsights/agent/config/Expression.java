package io.rpainsights.agent.config;

/**
 * A value read at an intercepted call, written in the config's small expression language:
 *
 * <pre>
 * expression := path [ ('==' | '!=') literal ]
 * path       := root { '.' name [ '(' ')' ] }
 * root       := 'this' | 'arg'N | 'return' | 'thrown' | literal
 * literal    := "'" any characters except "'" "'"
 * </pre>
 *
 * <p>{@code argN} is the N-th argument (0-based). Each {@code .name} step tries a public no-arg
 * method {@code name()}, then {@code getName()} / {@code isName()}, then a field {@code name}
 * (inherited and non-public ones included); an explicit call {@code .name()} only tries the method;
 * {@code .length} of an array is its length. A trailing comparison yields a {@link Boolean} saying
 * whether the value's string form ({@link String#valueOf}) equals (or not) the literal. A null
 * value anywhere, the left side of a comparison included, yields null. Whitespace is allowed around
 * every token.
 *
 * <p>Immutable and thread-safe; {@link #evaluate} never throws and resolves each step once per
 * runtime class (see {@link AccessStep}).
 */
public final class Expression {

  static final int ROOT_THIS = 0;
  static final int ROOT_ARGUMENT = 1;
  static final int ROOT_RETURN = 2;
  static final int ROOT_THROWN = 3;
  static final int ROOT_LITERAL = 4;

  static final int COMPARE_NONE = 0;
  static final int COMPARE_EQUAL = 1;
  static final int COMPARE_NOT_EQUAL = 2;

  private final String text;
  private final int root;
  private final int argumentIndex;
  private final String rootLiteral;
  private final AccessStep[] steps;
  private final int comparison;
  private final String comparedText;

  Expression(
      String text,
      int root,
      int argumentIndex,
      String rootLiteral,
      AccessStep[] steps,
      int comparison,
      String comparedText) {
    this.text = text;
    this.root = root;
    this.argumentIndex = argumentIndex;
    this.rootLiteral = rootLiteral;
    this.steps = steps;
    this.comparison = comparison;
    this.comparedText = comparedText;
  }

  /**
   * Parses an expression.
   *
   * @throws ExpressionException when {@code text} is null or does not follow the grammar; its
   *     message names the column
   */
  public static Expression parse(String text) {
    return new ExpressionParser(text).parse();
  }

  /** The text as written. */
  public String text() {
    return text;
  }

  /** The highest N of an {@code argN} in the expression, or -1 when it reads no argument. */
  public int maxArgumentIndex() {
    return root == ROOT_ARGUMENT ? argumentIndex : -1;
  }

  /** Whether the expression reads the return value (only known when the call has returned). */
  public boolean usesReturn() {
    return root == ROOT_RETURN;
  }

  /** Whether the expression reads the thrown exception (only known when the call has ended). */
  public boolean usesThrown() {
    return root == ROOT_THROWN;
  }

  /** Whether the expression reads the receiver. */
  public boolean usesThis() {
    return root == ROOT_THIS;
  }

  /**
   * Whether the expression can apply to a method of this shape.
   *
   * @return null if it can, else a one-phrase reason: {@code "arg7 is beyond the 1 parameter(s)"},
   *     {@code "'return' on a void method"} or {@code "'this' in a static method"}
   */
  public String checkApplicable(int parameterCount, boolean isStatic, boolean returnsVoid) {
    if (root == ROOT_ARGUMENT && argumentIndex >= parameterCount) {
      return "arg" + argumentIndex + " is beyond the " + parameterCount + " parameter(s)";
    }
    if (root == ROOT_RETURN && returnsVoid) {
      return "'return' on a void method";
    }
    if (root == ROOT_THIS && isStatic) {
      return "'this' in a static method";
    }
    return null;
  }

  /**
   * Reads the value at a call. Never throws: a member that a runtime class does not have is
   * reported to {@code problems} once per class and yields null; a member whose read throws is
   * reported every time and yields null; a null anywhere yields null silently.
   *
   * @param self the receiver (null for a static method)
   * @param args the call's arguments (null is read as none)
   * @param returned the return value (null before the call returned)
   * @param thrown what the call threw, or null
   * @param problems where failures are reported; null to ignore them
   * @return the value, primitives boxed; a {@link Boolean} for a comparison; or null
   */
  public Object evaluate(
      Object self, Object[] args, Object returned, Throwable thrown, ExpressionProblems problems) {
    try {
      Object value;
      switch (root) {
        case ROOT_THIS:
          value = self;
          break;
        case ROOT_ARGUMENT:
          value = args != null && argumentIndex < args.length ? args[argumentIndex] : null;
          break;
        case ROOT_RETURN:
          value = returned;
          break;
        case ROOT_THROWN:
          value = thrown;
          break;
        default:
          value = rootLiteral;
          break;
      }
      for (AccessStep step : steps) {
        if (value == null) {
          return null;
        }
        value = step.read(value, this, problems);
      }
      if (comparison == COMPARE_NONE || value == null) {
        return value;
      }
      return compare(value, problems);
    } catch (Throwable unexpected) {
      // Nothing above is expected to throw (reads and reports are guarded); this keeps the
      // contract even for an Error raised by the JVM on the way.
      return null;
    }
  }

  private Object compare(Object value, ExpressionProblems problems) {
    String form;
    try {
      form = String.valueOf(value);
    } catch (Throwable failure) {
      report(problems, this, value.getClass(), "toString()", failure);
      return null;
    }
    return (comparison == COMPARE_EQUAL) == comparedText.equals(form)
        ? Boolean.TRUE
        : Boolean.FALSE;
  }

  /**
   * Reports a missing member ({@code failure == null}) or a failed read; swallows what it throws.
   */
  static void report(
      ExpressionProblems problems,
      Expression expression,
      Class<?> type,
      String member,
      Throwable failure) {
    if (problems == null) {
      return;
    }
    try {
      if (failure == null) {
        problems.memberMissing(expression, type, member);
      } else {
        problems.accessFailed(expression, type, member, failure);
      }
    } catch (Throwable ignored) {
      // A reporter must not turn an extraction problem into the host's problem.
    }
  }

  /** The canonical form: no spaces except around a comparison, e.g. {@code arg0.status == 'ok'}. */
  String canonical() {
    StringBuilder out = new StringBuilder();
    switch (root) {
      case ROOT_THIS:
        out.append("this");
        break;
      case ROOT_ARGUMENT:
        out.append("arg").append(argumentIndex);
        break;
      case ROOT_RETURN:
        out.append("return");
        break;
      case ROOT_THROWN:
        out.append("thrown");
        break;
      default:
        out.append('\'').append(rootLiteral).append('\'');
        break;
    }
    for (AccessStep step : steps) {
      out.append('.').append(step.name());
      if (step.explicitCall()) {
        out.append("()");
      }
    }
    if (comparison != COMPARE_NONE) {
      out.append(comparison == COMPARE_EQUAL ? " == '" : " != '").append(comparedText).append('\'');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
