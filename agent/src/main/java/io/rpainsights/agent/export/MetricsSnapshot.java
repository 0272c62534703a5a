package io.rpainsights.agent.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The agent's figures at one moment: the same metrics the Prometheus endpoint serves (names, labels
 * and values as exposed there), the agent's own health, and who took it when. Immutable.
 */
public final class MetricsSnapshot {

  private final long timestampMillis;
  private final String agentVersion;
  private final String host;
  private final long pid;
  private final HealthFigures health;
  private final List<MetricFamily> families;

  public MetricsSnapshot(
      long timestampMillis,
      String agentVersion,
      String host,
      long pid,
      HealthFigures health,
      List<MetricFamily> families) {
    this.timestampMillis = timestampMillis;
    this.agentVersion = Objects.requireNonNull(agentVersion, "agentVersion");
    this.host = Objects.requireNonNull(host, "host");
    this.pid = pid;
    this.health = Objects.requireNonNull(health, "health");
    this.families = Collections.unmodifiableList(new ArrayList<>(families));
  }

  /** When the figures were read, epoch milliseconds UTC. */
  public long timestampMillis() {
    return timestampMillis;
  }

  public String agentVersion() {
    return agentVersion;
  }

  public String host() {
    return host;
  }

  public long pid() {
    return pid;
  }

  public HealthFigures health() {
    return health;
  }

  /** Every metric family, sorted by name. */
  public List<MetricFamily> families() {
    return families;
  }

  /**
   * The family exposed under {@code name} (e.g. {@code rpa_workflow_executions_total}), or null.
   */
  public MetricFamily family(String name) {
    for (MetricFamily family : families) {
      if (family.name().equals(name)) {
        return family;
      }
    }
    return null;
  }
}
