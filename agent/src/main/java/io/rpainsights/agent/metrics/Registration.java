package io.rpainsights.agent.metrics;

import io.rpainsights.agent.log.AgentLog;
import java.util.function.Supplier;

/**
 * Registers a metric and turns a refusal into one log line and a null metric: a timer's name can
 * clash with another metric's (a timer {@code rpa_workflow} would want {@code
 * rpa_workflow_duration_seconds}), and that must cost that one metric, not the endpoint. The config
 * loader already drops a timers rule whose metrics would clash; this is the net for rules built in
 * code and for a client that refuses more than the loader foresees.
 */
final class Registration {

  private Registration() {}

  /** The registered metric, or null (logged) when the registry refused it. */
  static <M> M register(String name, Supplier<M> registration) {
    try {
      return registration.get();
    } catch (RuntimeException refused) {
      AgentLog.error("prometheus: metric " + name + " could not be registered, left out", refused);
      return null;
    }
  }
}
