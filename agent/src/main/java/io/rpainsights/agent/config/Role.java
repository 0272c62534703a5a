package io.rpainsights.agent.config;

import java.util.Locale;

/**
 * What one call of a matched method stands for; each role has its own list under {@code
 * instrument}.
 */
public enum Role {
  /** One call is one workflow execution. */
  EXECUTION("executions"),
  /** One call is one step (node) execution inside the current workflow execution. */
  STEP("steps"),
  /** One call is one self-healing attempt. */
  RECOVERY("recoveries"),
  /** Any method: calls, errors and a latency histogram under the rule's {@code name}. */
  TIMER("timers");

  private final String configKey;

  Role(String configKey) {
    this.configKey = configKey;
  }

  /** The key of this role's rule list under {@code instrument} in the config file. */
  public String configKey() {
    return configKey;
  }

  /** The role whose config key equals {@code key} ignoring case, or null. */
  static Role forConfigKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    for (Role role : values()) {
      if (role.configKey.equals(lower)) {
        return role;
      }
    }
    return null;
  }
}
