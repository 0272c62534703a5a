package io.rpainsights.agent.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The keys a rule may carry, which roles accept each, and whether an expression under it is an
 * identity value, read when the call starts.
 */
enum RuleKey {
  TYPE("type", Kind.PATTERN, false, all()),
  METHOD("method", Kind.PATTERN, false, all()),
  ARGS("args", Kind.ARITY, false, all()),
  WORKFLOW_ID("workflowId", Kind.EXPRESSION, true, EnumSet.of(Role.EXECUTION)),
  TOTAL_STEPS("totalSteps", Kind.EXPRESSION, true, EnumSet.of(Role.EXECUTION)),
  NODE_ID("nodeId", Kind.EXPRESSION, true, EnumSet.of(Role.STEP, Role.RECOVERY)),
  ACTION_TYPE("actionType", Kind.EXPRESSION, true, EnumSet.of(Role.STEP)),
  STRATEGY("strategy", Kind.EXPRESSION, false, EnumSet.of(Role.RECOVERY)),
  STATUS("status", Kind.EXPRESSION, false, EnumSet.of(Role.EXECUTION)),
  SUCCESS("success", Kind.EXPRESSION, false, all()),
  ERROR("error", Kind.EXPRESSION, false, all()),
  ERROR_TYPE("errorType", Kind.EXPRESSION, false, all()),
  NAME("name", Kind.NAME, false, EnumSet.of(Role.TIMER)),
  LABELS("labels", Kind.EXPRESSION_MAP, false, EnumSet.of(Role.TIMER)),
  VALUES("values", Kind.EXPRESSION_MAP, false, EnumSet.of(Role.TIMER));

  enum Kind {
    PATTERN,
    ARITY,
    EXPRESSION,
    NAME,
    EXPRESSION_MAP
  }

  private final String key;
  private final Kind kind;
  private final boolean readOnEntry;
  private final Set<Role> roles;

  RuleKey(String key, Kind kind, boolean readOnEntry, Set<Role> roles) {
    this.key = key;
    this.kind = kind;
    this.readOnEntry = readOnEntry;
    this.roles = roles;
  }

  private static Set<Role> all() {
    return EnumSet.allOf(Role.class);
  }

  String key() {
    return key;
  }

  Kind kind() {
    return kind;
  }

  /**
   * Identity values ({@code workflowId}, {@code totalSteps}, {@code nodeId}, {@code actionType})
   * are read when the call starts (DESIGN.md "Expressions"), when there is no return value or
   * exception yet. Labels are read then too, but DESIGN.md's own example reads one from {@code
   * return}, so a label may wait for the end of the call (see {@link Rule#labels()}).
   */
  boolean readOnEntry() {
    return readOnEntry;
  }

  boolean appliesTo(Role role) {
    return roles.contains(role);
  }

  /** The key for {@code role} whose name equals {@code name} ignoring case, or null. */
  static RuleKey find(Role role, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (RuleKey key : values()) {
      if (key.roles.contains(role) && key.key.toLowerCase(Locale.ROOT).equals(lower)) {
        return key;
      }
    }
    return null;
  }

  /** The keys {@code role} accepts, in the order of the reference, for messages. */
  static String listFor(Role role) {
    StringBuilder out = new StringBuilder();
    for (RuleKey key : values()) {
      if (key.roles.contains(role)) {
        out.append(out.length() == 0 ? "" : ", ").append(key.key);
      }
    }
    return out.toString();
  }
}
