package io.rpainsights.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Prometheus names taken so far: the agent's own metrics, then those of each timers rule the
 * loader accepted. The loader refuses a timer whose metrics would clash with one of them, because
 * the exporter could only leave such a metric out when it registers it.
 *
 * <p>A clash is what the Prometheus client (client_java 1.x) refuses at registration: two different
 * metrics with one family name, the registered name less the suffix the client's writers add back
 * ({@code _total} of a counter, {@code _info} of an info). So a timer {@code rpa_workflow} clashes
 * (its {@code rpa_workflow_duration_seconds} is the agent's), and so do a timer value {@code
 * duration_seconds} (its counter {@code <name>_duration_seconds_total} is known as the timer's own
 * histogram is) and a timer {@code rpa} with a value {@code agent} ({@code rpa_agent_total} against
 * {@code rpa_agent_info}). The client also refuses two metrics that would expose one sample name (a
 * counter's {@code _created}, a histogram's {@code _count}...); with the metrics a timer adds and
 * the agent's own, no such pair can arise without a shared family name, and a test holds this
 * class's verdicts equal to the client's.
 *
 * <p>Not thread-safe: one per load.
 */
final class MetricNamespace {

  enum Type {
    COUNTER,
    GAUGE,
    HISTOGRAM,
    INFO
  }

  /** The agent's own metrics, as the exporter registers them (a test holds the two equal). */
  static final List<Metric> AGENT_METRICS = agentMetrics();

  private static final String AGENTS_OWN = "the agent's own metric";

  private final List<Metric> taken = new ArrayList<>();
  private final List<String> owners = new ArrayList<>();

  MetricNamespace() {
    for (Metric metric : AGENT_METRICS) {
      taken.add(metric);
      owners.add(AGENTS_OWN);
    }
  }

  /**
   * Why {@code metric} cannot be registered beside the metrics taken and {@code earlierOfItsRule},
   * as the rest of a sentence ("is already the agent's own metric"); null when it can.
   */
  String clash(Metric metric, List<Metric> earlierOfItsRule) {
    for (int i = 0; i < taken.size(); i++) {
      String clash = metric.clashWith(taken.get(i), owners.get(i));
      if (clash != null) {
        return clash;
      }
    }
    for (Metric earlier : earlierOfItsRule) {
      String clash = metric.clashWith(earlier, "a metric of this rule");
      if (clash != null) {
        return clash;
      }
    }
    return null;
  }

  /** Takes the names of an accepted rule's metrics; {@code rule} names it in later messages. */
  void take(List<Metric> metrics, String rule) {
    for (Metric metric : metrics) {
      taken.add(metric);
      owners.add("a metric of " + rule);
    }
  }

  /** One metric as the Prometheus client would register it. Immutable. */
  static final class Metric {
    final String name;
    final Type type;

    /** The name the client knows the metric by. */
    final String family;

    /** Equal for the same metric of two rules that share a timer name (they share the metric). */
    private final String identity;

    private Metric(String name, Type type, String identity) {
      this.name = name;
      this.type = type;
      this.identity = identity;
      if (type == Type.COUNTER) {
        family = withoutSuffix(name, "_total");
      } else if (type == Type.INFO) {
        family = withoutSuffix(name, "_info");
      } else {
        family = name;
      }
    }

    static Metric timerCalls(String timer) {
      return new Metric(MetricNames.timerCalls(timer), Type.COUNTER, "timer " + timer + " calls");
    }

    static Metric timerDuration(String timer) {
      return new Metric(
          MetricNames.timerDuration(timer), Type.HISTOGRAM, "timer " + timer + " duration");
    }

    static Metric timerValue(String timer, String value) {
      return new Metric(
          MetricNames.timerValue(timer, value), Type.COUNTER, "timer " + timer + " value " + value);
    }

    private String clashWith(Metric other, String owner) {
      if (identity.equals(other.identity)) {
        return null;
      }
      if (name.equals(other.name)) {
        return "is already " + owner;
      }
      if (family.equals(other.family)) {
        return "clashes with " + other.name + ", " + owner + ": Prometheus names both " + family;
      }
      return null;
    }

    private static String withoutSuffix(String name, String suffix) {
      return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }
  }

  // No lambdas here: this class loads in premain, where each one would cost a bootstrap.
  private static List<Metric> agentMetrics() {
    List<Metric> metrics = new ArrayList<>();
    add(
        metrics,
        Type.COUNTER,
        "rpa_workflow_executions_total",
        "rpa_step_executions_total",
        "rpa_recovery_attempts_total",
        "rpa_agent_events_dropped_total",
        "rpa_agent_events_stored_total",
        "rpa_agent_unattributed_total",
        "rpa_agent_extractor_errors_total",
        "rpa_agent_store_write_errors_total",
        "rpa_agent_label_values_capped_total",
        "rpa_process_disk_read_bytes_total",
        "rpa_process_disk_written_bytes_total");
    add(
        metrics,
        Type.HISTOGRAM,
        "rpa_workflow_duration_seconds",
        "rpa_step_duration_seconds",
        "rpa_recovery_duration_seconds");
    add(
        metrics,
        Type.GAUGE,
        "rpa_workflow_executions_running",
        "rpa_agent_queue_depth",
        "rpa_agent_queue_capacity",
        "rpa_agent_start_time_seconds",
        "rpa_process_cpu_percent",
        "rpa_system_cpu_percent",
        "rpa_process_resident_memory_bytes",
        "rpa_jvm_heap_used_bytes",
        "rpa_system_memory_used_bytes",
        "rpa_gpu_utilization_percent",
        "rpa_gpu_memory_used_bytes");
    add(metrics, Type.INFO, "rpa_agent_info");
    return Collections.unmodifiableList(metrics);
  }

  private static void add(List<Metric> metrics, Type type, String... names) {
    for (String name : names) {
      metrics.add(new Metric(name, type, "agent " + name));
    }
  }
}
