package io.rpainsights.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One entry of an {@code instrument} list: which methods to intercept, in which role, and the
 * expressions that read its values. Immutable.
 *
 * <p>An {@code executions} rule without {@code workflowId} has {@link #workflowId()} null; the
 * caller then uses {@link #defaultWorkflowId(String, String)} ({@code SimpleClassName.method}).
 * Identity expressions ({@code workflowId}, {@code totalSteps}, {@code nodeId}, {@code actionType})
 * are read when the call starts and never use {@code return} or {@code thrown} (the loader drops
 * such a rule); outcome expressions ({@code success}, {@code error}, {@code errorType}, {@code
 * status}, {@code strategy}, {@code values}) are read when it ends. Labels are read when the call
 * starts, except a label that uses {@code return} or {@code thrown} (DESIGN.md's {@code cache:
 * return.fromCache}), which can only be read when it ends.
 */
public final class Rule {

  /** Prometheus metric and label names, which timer names and label/value keys become. */
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final int id;
  private final Role role;
  private final int indexInRole;
  private final String location;
  private final TypePattern type;
  private final MethodPattern method;
  private final Map<RuleKey, Expression> expressionsByKey;
  private final String timerName;
  private final Map<String, Expression> labels;
  private final Map<String, Expression> values;
  private final List<Expression> expressions;

  Rule(
      int id,
      Role role,
      int indexInRole,
      String location,
      TypePattern type,
      MethodPattern method,
      EnumMap<RuleKey, Expression> expressionsByKey,
      String timerName,
      Map<String, Expression> labels,
      Map<String, Expression> values) {
    this.id = id;
    this.role = role;
    this.indexInRole = indexInRole;
    this.location = location;
    this.type = type;
    this.method = method;
    this.expressionsByKey = Collections.unmodifiableMap(new EnumMap<>(expressionsByKey));
    this.timerName = timerName;
    this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    List<Expression> all = new ArrayList<>(this.expressionsByKey.values());
    all.addAll(this.labels.values());
    all.addAll(this.values.values());
    this.expressions = Collections.unmodifiableList(all);
  }

  /** Creates a rule outside a config file (tests, programmatic set-ups); see {@link Builder}. */
  public static Builder builder(Role role, String typePattern, String methodPattern) {
    return new Builder(role, typePattern, methodPattern);
  }

  /**
   * The workflow id of an execution whose rule has no {@code workflowId}: {@code
   * SimpleClassName.method}, where the simple name is the binary name after its last '.' (so a
   * nested class keeps its {@code Outer$Inner} form and stays unambiguous).
   */
  public static String defaultWorkflowId(String className, String methodName) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return simple + "." + methodName;
  }

  /** The rule's index in {@link AgentConfig#rules()}, the id its advice passes to the bridge. */
  public int id() {
    return id;
  }

  public Role role() {
    return role;
  }

  /** For messages: {@code steps[1] (bot.yaml:14) io.x.Loop#executeNode}. */
  public String describe() {
    return role.configKey()
        + "["
        + indexInRole
        + "]"
        + (location == null ? "" : " (" + location + ")")
        + " "
        + type.text()
        + "#"
        + method;
  }

  public TypePattern type() {
    return type;
  }

  public MethodPattern method() {
    return method;
  }

  /** Executions: the workflow id; null when absent (see {@link #defaultWorkflowId}). */
  public Expression workflowId() {
    return expressionsByKey.get(RuleKey.WORKFLOW_ID);
  }

  /** Executions: the number of steps the execution will run, for progress; null when absent. */
  public Expression totalSteps() {
    return expressionsByKey.get(RuleKey.TOTAL_STEPS);
  }

  /** Steps and recoveries: the node id; null when absent. */
  public Expression nodeId() {
    return expressionsByKey.get(RuleKey.NODE_ID);
  }

  /** Steps: the action type; null when absent. */
  public Expression actionType() {
    return expressionsByKey.get(RuleKey.ACTION_TYPE);
  }

  /** Boolean true or the text "true" means success; null when absent. */
  public Expression success() {
    return expressionsByKey.get(RuleKey.SUCCESS);
  }

  /** The error message of an unsuccessful call; null when absent. */
  public Expression error() {
    return expressionsByKey.get(RuleKey.ERROR);
  }

  /** The error type of an unsuccessful call; null when absent. */
  public Expression errorType() {
    return expressionsByKey.get(RuleKey.ERROR_TYPE);
  }

  /**
   * Executions: {@code success}, {@code failed} or {@code timeout} (any case); null when absent.
   */
  public Expression status() {
    return expressionsByKey.get(RuleKey.STATUS);
  }

  /** Recoveries: the strategy used; null when absent. */
  public Expression strategy() {
    return expressionsByKey.get(RuleKey.STRATEGY);
  }

  /** Timers: the metric name (always present for timers); null for the other roles. */
  public String timerName() {
    return timerName;
  }

  /**
   * Timers: label name to expression, in file order; empty when none. Read when the call starts,
   * except those whose {@link Expression#usesReturn()} or {@link Expression#usesThrown()}.
   */
  public Map<String, Expression> labels() {
    return labels;
  }

  /** Timers: value name to expression (summed into {@code <name>_<value>_total}); may be empty. */
  public Map<String, Expression> values() {
    return values;
  }

  /** Every expression of the rule: the keyed ones, then labels, then values. */
  public List<Expression> expressions() {
    return expressions;
  }

  @Override
  public String toString() {
    return describe();
  }

  // ---- validation shared by the config loader and the builder ------------------------------

  /** Null if {@code name} can be a timer (metric) name, else why not. */
  static String timerNameProblem(String name) {
    if (name.isEmpty()) {
      return "timer name is empty";
    }
    if (!METRIC_NAME.matcher(name).matches()) {
      return "'"
          + name
          + "' cannot be a metric name: use letters, digits and '_', not starting with a digit";
    }
    return null;
  }

  /** Null if {@code name} can be a label name, else why not. */
  static String labelNameProblem(String name) {
    if (!METRIC_NAME.matcher(name).matches()) {
      return "'"
          + name
          + "' cannot be a label name: use letters, digits and '_', not starting with a digit";
    }
    if (name.startsWith("__")) {
      return "label names starting with '__' are reserved by Prometheus";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("outcome") || lower.equals("error_type") || lower.equals("le")) {
      return "label '" + name + "' is used by the agent's own timer metrics";
    }
    return null;
  }

  /** Null if {@code name} can name a value (part of a metric name), else why not. */
  static String valueNameProblem(String name) {
    if (!METRIC_NAME.matcher(name).matches()) {
      return "'"
          + name
          + "' cannot be part of a metric name: use letters, digits and '_', not starting with a digit";
    }
    return null;
  }

  /** Null if {@code expression} can be read when {@code key}'s values are read, else why not. */
  static String timingProblem(RuleKey key, Expression expression) {
    if (key.readOnEntry() && (expression.usesReturn() || expression.usesThrown())) {
      return "'"
          + (expression.usesReturn() ? "return" : "thrown")
          + "' is not known when the call starts, and "
          + key.key()
          + " is read then";
    }
    return null;
  }

  /**
   * Builds a rule outside a config file; every problem throws {@link IllegalArgumentException} (an
   * {@link ExpressionException} for a bad expression). Add it to a config with {@link
   * AgentConfig.Builder#addRule}, which gives it its id.
   */
  public static final class Builder {
    private final Role role;
    private final TypePattern type;
    private final String methodPattern;
    private Integer arity;
    private final EnumMap<RuleKey, Expression> expressions = new EnumMap<>(RuleKey.class);
    private String timerName;
    private final Map<String, Expression> labels = new LinkedHashMap<>();
    private final Map<String, Expression> values = new LinkedHashMap<>();
    private String location;

    private Builder(Role role, String typePattern, String methodPattern) {
      if (role == null) {
        throw new IllegalArgumentException("role is missing");
      }
      this.role = role;
      this.type = TypePattern.of(typePattern);
      MethodPattern.of(methodPattern, null);
      this.methodPattern = methodPattern;
    }

    /** Only methods with exactly this many parameters (the config's {@code args}); null = any. */
    public Builder args(Integer parameterCount) {
      MethodPattern.of(methodPattern, parameterCount);
      this.arity = parameterCount;
      return this;
    }

    /**
     * Sets an expression by its config key ({@code workflowId}, {@code nodeId}, {@code success},
     * ...; case-insensitive), which must be one the role accepts.
     */
    public Builder expression(String key, String expressionText) {
      RuleKey ruleKey = key == null ? null : RuleKey.find(role, key);
      if (ruleKey == null || ruleKey.kind() != RuleKey.Kind.EXPRESSION) {
        throw new IllegalArgumentException(
            "'" + key + "' is not an expression key of " + role.configKey() + " rules");
      }
      Expression expression = Expression.parse(expressionText);
      String problem = timingProblem(ruleKey, expression);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      expressions.put(ruleKey, expression);
      return this;
    }

    /** Timers: the metric name (required for timers). */
    public Builder name(String name) {
      requireTimer("name");
      String problem = name == null ? "timer name is missing" : timerNameProblem(name);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      this.timerName = name;
      return this;
    }

    /** Timers: adds a label (see {@link Rule#labels()} for when it is read). */
    public Builder label(String name, String expressionText) {
      requireTimer("labels");
      String problem = name == null ? "label name is missing" : labelNameProblem(name);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      labels.put(name, Expression.parse(expressionText));
      return this;
    }

    /** Timers: adds a value read when the call ends. */
    public Builder value(String name, String expressionText) {
      requireTimer("values");
      String problem = name == null ? "value name is missing" : valueNameProblem(name);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      values.put(name, Expression.parse(expressionText));
      return this;
    }

    /** Where the rule came from, shown by {@link Rule#describe()} (e.g. {@code bot.yaml:14}). */
    public Builder location(String location) {
      this.location = location;
      return this;
    }

    Role role() {
      return role;
    }

    Rule build(int id, int indexInRole) {
      if (role == Role.TIMER && timerName == null) {
        throw new IllegalArgumentException("a timers rule needs a name");
      }
      return new Rule(
          id,
          role,
          indexInRole,
          location,
          type,
          MethodPattern.of(methodPattern, arity),
          expressions,
          timerName,
          labels,
          values);
    }

    private void requireTimer(String key) {
      if (role != Role.TIMER) {
        throw new IllegalArgumentException(key + " applies to timers rules only");
      }
    }
  }
}
