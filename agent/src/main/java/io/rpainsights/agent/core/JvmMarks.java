package io.rpainsights.agent.core;

/**
 * System properties by which a running agent tells {@code attach}, from outside the JVM, how its
 * start went — the target's stderr, where the agent explains itself, is often out of the sight of
 * whoever runs {@code attach}. Elastic's agent marks the JVMs it runs in the same way. Not under
 * {@code rpa.insights.}, which names config overrides; {@code jcmd PID VM.system_properties} shows
 * them too.
 */
final class JvmMarks {

  /** Set to the agent's version once it runs in this JVM. */
  static final String ACTIVE = "io.rpainsights.agent.active";

  /** {@code ok} once the store is open, or {@code failed: <why>} when it cannot be. */
  static final String STORE = "io.rpainsights.agent.store";

  private JvmMarks() {}

  /** Sets a mark; a security manager that refuses only leaves {@code attach} less to say. */
  static void mark(String key, String value) {
    try {
      System.setProperty(key, value);
    } catch (RuntimeException refused) {
      // The agent runs all the same.
    }
  }
}
