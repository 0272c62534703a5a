package io.rpainsights.agent.export;

import io.rpainsights.agent.log.AgentLog;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What an exporter learns about the agent it runs in when it {@link MetricsExporter#start starts}:
 * who is exporting, how often, a way to take a snapshot on demand and a way to log. Immutable and
 * safe to use from any thread.
 */
public final class ExporterContext {

  private final String exporterName;
  private final String agentVersion;
  private final String host;
  private final long pid;
  private final long intervalMs;
  private final Supplier<MetricsSnapshot> snapshots;

  ExporterContext(
      String exporterName,
      String agentVersion,
      String host,
      long pid,
      long intervalMs,
      Supplier<MetricsSnapshot> snapshots) {
    this.exporterName = Objects.requireNonNull(exporterName, "exporterName");
    this.agentVersion = Objects.requireNonNull(agentVersion, "agentVersion");
    this.host = Objects.requireNonNull(host, "host");
    this.pid = pid;
    this.intervalMs = intervalMs;
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
  }

  /** The exporter's name in the agent's log lines (its class name for plugins). */
  public String exporterName() {
    return exporterName;
  }

  /** The agent's version, e.g. {@code 0.1.0}. */
  public String agentVersion() {
    return agentVersion;
  }

  /** The host name the agent stores with its rows. */
  public String host() {
    return host;
  }

  /** The process id of the JVM the agent runs in. */
  public long pid() {
    return pid;
  }

  /** How often {@link MetricsExporter#export} is called, in milliseconds. */
  public long intervalMs() {
    return intervalMs;
  }

  /** The current figures, for an exporter that also answers requests between its exports. */
  public MetricsSnapshot snapshot() {
    return snapshots.get();
  }

  /** Writes one {@code [rpa-insights] exporter NAME: message} line to stderr. */
  public void log(String message) {
    AgentLog.warn("exporter " + exporterName + ": " + message);
  }
}
