package io.rpainsights.agent.config;

import io.rpainsights.agent.config.ConfigNode.Entry;
import io.rpainsights.agent.config.ConfigNode.ListNode;
import io.rpainsights.agent.config.ConfigNode.MapNode;
import io.rpainsights.agent.config.ConfigNode.ScalarNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the {@code instrument} section into {@link Rule}s. A rule with a problem (a bad pattern or
 * expression, a missing {@code type}, {@code method} or timer {@code name}, a timer metric that
 * would clash with another metric) is dropped with one warning per problem, naming file, line and
 * key; the other rules still load, so one bad rule never disables the agent. Ids are given in file
 * order to the rules that load; of two timers whose metrics clash, the later one is dropped.
 */
final class RuleReader {

  private final Diagnostics diagnostics;
  private final List<Rule> rules = new ArrayList<>();
  private final MetricNamespace metricNames = new MetricNamespace();

  RuleReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /**
   * Reads the value of the {@code instrument} key.
   *
   * @throws ConfigFailure when it is neither a map nor empty
   */
  List<Rule> read(ConfigNode instrument, String path) {
    if (isNull(instrument)) {
      return rules;
    }
    if (!(instrument instanceof MapNode)) {
      throw diagnostics.fatal(
          instrument.line(),
          path,
          "expected a map of rule lists (executions, steps, recoveries, timers), got "
              + instrument.describe());
    }
    for (Entry entry : ((MapNode) instrument).entries()) {
      String rolePath = path + "." + entry.key();
      Role role = Role.forConfigKey(entry.key());
      if (role == null) {
        diagnostics.warn(
            entry.keyLine(),
            rolePath,
            "unknown key, ignored (instrument takes executions, steps, recoveries and timers)");
        continue;
      }
      ConfigNode list = entry.value();
      if (isNull(list)) {
        continue;
      }
      if (!(list instanceof ListNode)) {
        diagnostics.warn(
            list.line(),
            rolePath,
            "expected a list of rules (each starting with '- '), got "
                + list.describe()
                + "; ignored");
        continue;
      }
      List<ConfigNode> items = ((ListNode) list).items();
      for (int index = 0; index < items.size(); index++) {
        Rule rule = readRule(role, index, items.get(index), rolePath + "[" + index + "]");
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    return rules;
  }

  private Rule readRule(Role role, int index, ConfigNode node, String path) {
    if (!(node instanceof MapNode)) {
      diagnostics.warn(
          node.line(),
          path,
          "expected a rule (a map with type and method), got "
              + node.describe()
              + "; rule dropped");
      return null;
    }
    MapNode map = (MapNode) node;
    Problems problems = new Problems();
    String typeText = null;
    int typeLine = map.line();
    String methodText = null;
    int methodLine = map.line();
    Integer arity = null;
    String timerName = null;
    Position timerNameAt = null;
    EnumMap<RuleKey, Expression> expressions = new EnumMap<>(RuleKey.class);
    Map<String, Expression> labels = new LinkedHashMap<>();
    Map<String, Expression> values = new LinkedHashMap<>();
    Map<String, Position> valuesAt = new LinkedHashMap<>();

    for (Entry entry : map.entries()) {
      String keyPath = path + "." + entry.key();
      RuleKey key = RuleKey.find(role, entry.key());
      if (key == null) {
        warnUnknownKey(role, entry, keyPath);
        continue;
      }
      ConfigNode value = entry.value();
      switch (key.kind()) {
        case PATTERN:
          {
            String text = text(value, "a " + key.key() + " pattern", keyPath, problems);
            if (key == RuleKey.TYPE) {
              typeText = text;
              typeLine = value.line();
            } else {
              methodText = text;
              methodLine = value.line();
            }
            break;
          }
        case ARITY:
          arity = arity(value, keyPath, problems);
          break;
        case NAME:
          {
            String text = text(value, "a timer name", keyPath, problems);
            if (text != null) {
              String problem = Rule.timerNameProblem(text);
              if (problem != null) {
                problems.add(value.line(), keyPath, problem);
              } else {
                timerName = text;
                timerNameAt = new Position(value.line(), keyPath);
              }
            }
            break;
          }
        case EXPRESSION:
          {
            Expression expression = expression(key, value, keyPath, problems);
            if (expression != null) {
              expressions.put(key, expression);
            }
            break;
          }
        default:
          if (key == RuleKey.LABELS) {
            readExpressionMap(key, value, keyPath, labels, new LinkedHashMap<>(), problems);
          } else {
            readExpressionMap(key, value, keyPath, values, valuesAt, problems);
          }
          break;
      }
    }

    if (typeText == null && !problems.mentions(path + ".type")) {
      problems.add(map.line(), path + ".type", "required key is missing");
    }
    if (methodText == null && !problems.mentions(path + ".method")) {
      problems.add(map.line(), path + ".method", "required key is missing");
    }
    if (role == Role.TIMER && timerName == null && !problems.mentions(path + ".name")) {
      problems.add(map.line(), path + ".name", "required key is missing (timers need a name)");
    }
    TypePattern type = null;
    if (typeText != null) {
      try {
        type = TypePattern.of(typeText);
      } catch (IllegalArgumentException invalid) {
        problems.add(typeLine, path + ".type", invalid.getMessage());
      }
    }
    MethodPattern method = null;
    if (methodText != null) {
      try {
        // arity() already rejected a count outside 0..255, so only the name can fail here.
        method = MethodPattern.of(methodText, arity);
      } catch (IllegalArgumentException invalid) {
        problems.add(methodLine, path + ".method", invalid.getMessage());
      }
    }
    List<MetricNamespace.Metric> metrics =
        timerName == null ? null : timerMetrics(timerName, timerNameAt, valuesAt, problems);
    if (!problems.isEmpty()) {
      problems.report(diagnostics);
      return null;
    }
    Rule rule =
        new Rule(
            rules.size(),
            role,
            index,
            diagnostics.file() + ":" + map.line(),
            type,
            method,
            expressions,
            timerName,
            labels,
            values);
    if (metrics != null) {
      metricNames.take(metrics, rule.describe());
    }
    return rule;
  }

  /** The metrics of a timers rule, each clash with another metric added to {@code problems}. */
  private List<MetricNamespace.Metric> timerMetrics(
      String timer, Position nameAt, Map<String, Position> valuesAt, Problems problems) {
    List<MetricNamespace.Metric> metrics = new ArrayList<>();
    String subject = "timer '" + timer + "'";
    checkMetric(MetricNamespace.Metric.timerCalls(timer), subject, nameAt, metrics, problems);
    checkMetric(MetricNamespace.Metric.timerDuration(timer), subject, nameAt, metrics, problems);
    for (Map.Entry<String, Position> value : valuesAt.entrySet()) {
      checkMetric(
          MetricNamespace.Metric.timerValue(timer, value.getKey()),
          "value '" + value.getKey() + "'",
          value.getValue(),
          metrics,
          problems);
    }
    return metrics;
  }

  private void checkMetric(
      MetricNamespace.Metric metric,
      String subject,
      Position at,
      List<MetricNamespace.Metric> earlierOfThisRule,
      Problems problems) {
    String clash = metricNames.clash(metric, earlierOfThisRule);
    if (clash != null) {
      problems.add(at.line, at.path, subject + " would add " + metric.name + ", which " + clash);
    }
    earlierOfThisRule.add(metric);
  }

  private void warnUnknownKey(Role role, Entry entry, String keyPath) {
    for (Role other : Role.values()) {
      RuleKey elsewhere = RuleKey.find(other, entry.key());
      if (elsewhere != null) {
        diagnostics.warn(
            entry.keyLine(),
            keyPath,
            "not used by "
                + role.configKey()
                + " rules, ignored (it applies to "
                + rolesAccepting(elsewhere)
                + ")");
        return;
      }
    }
    diagnostics.warn(
        entry.keyLine(),
        keyPath,
        "unknown key, ignored (" + role.configKey() + " rules take " + RuleKey.listFor(role) + ")");
  }

  private static String rolesAccepting(RuleKey key) {
    StringBuilder out = new StringBuilder();
    for (Role role : Role.values()) {
      if (key.appliesTo(role)) {
        out.append(out.length() == 0 ? "" : " and ").append(role.configKey());
      }
    }
    return out.toString();
  }

  private void readExpressionMap(
      RuleKey key,
      ConfigNode value,
      String keyPath,
      Map<String, Expression> into,
      Map<String, Position> positions,
      Problems problems) {
    if (isNull(value)) {
      return;
    }
    if (!(value instanceof MapNode)) {
      problems.add(
          value.line(),
          keyPath,
          "expected a map of names to expressions, e.g. { provider: this.providerName }, got "
              + value.describe());
      return;
    }
    for (Entry entry : ((MapNode) value).entries()) {
      String entryPath = keyPath + "." + entry.key();
      String nameProblem =
          key == RuleKey.LABELS
              ? Rule.labelNameProblem(entry.key())
              : Rule.valueNameProblem(entry.key());
      if (nameProblem != null) {
        problems.add(entry.keyLine(), entryPath, nameProblem);
        continue;
      }
      Expression expression = expression(key, entry.value(), entryPath, problems);
      if (expression != null) {
        into.put(entry.key(), expression);
        positions.put(entry.key(), new Position(entry.keyLine(), entryPath));
      }
    }
  }

  private static Expression expression(
      RuleKey key, ConfigNode value, String keyPath, Problems problems) {
    String text = text(value, "an expression", keyPath, problems);
    if (text == null) {
      return null;
    }
    Expression expression;
    try {
      expression = Expression.parse(text);
    } catch (ExpressionException invalid) {
      problems.add(value.line(), keyPath, invalid.getMessage());
      return null;
    }
    String timing = Rule.timingProblem(key, expression);
    if (timing != null) {
      problems.add(value.line(), keyPath, timing);
      return null;
    }
    return expression;
  }

  /** The text of a non-null scalar (YAML may have typed it: {@code true}, {@code 12}). */
  private static String text(ConfigNode value, String what, String keyPath, Problems problems) {
    if (value instanceof ScalarNode && ((ScalarNode) value).kind() != ScalarNode.Kind.NULL) {
      return ((ScalarNode) value).text();
    }
    problems.add(value.line(), keyPath, "expected " + what + ", got " + value.describe());
    return null;
  }

  private static Integer arity(ConfigNode value, String keyPath, Problems problems) {
    if (value instanceof ScalarNode) {
      ScalarNode scalar = (ScalarNode) value;
      Object number = scalar.value();
      if (scalar.kind() == ScalarNode.Kind.TEXT) {
        try {
          number = Long.valueOf(scalar.text().trim());
        } catch (NumberFormatException notNumber) {
          number = null;
        }
      }
      if (number instanceof Long
          && (Long) number >= 0
          && (Long) number <= MethodPattern.MAX_PARAMETERS) {
        return ((Long) number).intValue();
      }
    }
    problems.add(
        value.line(),
        keyPath,
        "expected a parameter count from 0 to "
            + MethodPattern.MAX_PARAMETERS
            + ", got "
            + value.describe());
    return null;
  }

  private static boolean isNull(ConfigNode node) {
    return node == null
        || node instanceof ScalarNode && ((ScalarNode) node).kind() == ScalarNode.Kind.NULL;
  }

  /** The problems of one rule, reported together when it is dropped. */
  private static final class Problems {
    private final List<Problem> found = new ArrayList<>();

    void add(int line, String path, String message) {
      found.add(new Problem(line, path, message));
    }

    boolean mentions(String path) {
      for (Problem problem : found) {
        if (problem.path.equalsIgnoreCase(path)) {
          return true;
        }
      }
      return false;
    }

    boolean isEmpty() {
      return found.isEmpty();
    }

    void report(Diagnostics diagnostics) {
      for (Problem problem : found) {
        diagnostics.warn(problem.line, problem.path, problem.message + "; rule dropped");
      }
    }
  }

  /** Where a key is in the file, for a problem found after the key was read. */
  private static final class Position {
    final int line;
    final String path;

    Position(int line, String path) {
      this.line = line;
      this.path = path;
    }
  }

  private static final class Problem {
    final int line;
    final String path;
    final String message;

    Problem(int line, String path, String message) {
      this.line = line;
      this.path = path;
      this.message = message;
    }
  }
}
