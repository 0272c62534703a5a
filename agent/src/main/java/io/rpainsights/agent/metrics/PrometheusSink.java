package io.rpainsights.agent.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.collect.EventSink;
import io.rpainsights.agent.config.AgentConfig;
import io.rpainsights.agent.config.Role;
import io.rpainsights.agent.config.Rule;
import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.RecoveryRecord;
import io.rpainsights.agent.event.ResourceSample;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.event.TimerRecord;
import io.rpainsights.agent.export.HealthFigures;
import io.rpainsights.agent.export.MetricsSnapshot;
import io.rpainsights.agent.log.AgentLog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Keeps the agent's Prometheus metrics (DESIGN.md "Prometheus") in its own {@link
 * PrometheusRegistry}, updated from the events the flusher hands every sink — never from the
 * application's threads, whose hot path stays exactly as it is without metrics.
 *
 * <h2>Metrics</h2>
 *
 * <ul>
 *   <li>{@code rpa_workflow_executions_total{workflow,status}} counter (status {@code success},
 *       {@code failed}, {@code timeout}); {@code rpa_workflow_duration_seconds{workflow}} histogram
 *       of finished executions, whatever their outcome; {@code
 *       rpa_workflow_executions_running{workflow}} gauge (started minus finished).
 *   <li>{@code rpa_step_executions_total{workflow,action,status}} counter (status {@code success},
 *       {@code failed}, {@code recovered}); {@code rpa_step_duration_seconds{workflow,action}}
 *       histogram.
 *   <li>{@code rpa_recovery_attempts_total{workflow,strategy,outcome}} counter (outcome {@code
 *       success}, {@code failure}); {@code rpa_recovery_duration_seconds{workflow,strategy}}
 *       histogram.
 *   <li>With {@code prometheus.nodeLabels: true} the step and recovery metrics also carry {@code
 *       node}.
 *   <li>Timers: see {@link TimerMetrics}. Resources: see {@link ResourceMetrics}.
 *   <li>The agent itself: {@code rpa_agent_events_dropped_total}, {@code
 *       rpa_agent_events_stored_total}, {@code rpa_agent_unattributed_total}, {@code
 *       rpa_agent_extractor_errors_total}, {@code rpa_agent_store_write_errors_total}, {@code
 *       rpa_agent_label_values_capped_total} counters; {@code rpa_agent_queue_depth} and {@code
 *       rpa_agent_queue_capacity} gauges read at scrape time; {@code rpa_agent_info{version}} and
 *       {@code rpa_agent_start_time_seconds}.
 * </ul>
 *
 * Durations are in seconds, with {@link DurationBuckets classic buckets} from 1 ms to 1 h (no
 * native histograms). A null label value (an action type the rule does not extract) reads "".
 * Counters of a workflow, step kind or strategy start at 0 for each outcome the first time it is
 * seen, so {@code rate()} and failure-ratio alerts see the series before the first failure.
 *
 * <h2>Cardinality</h2>
 *
 * Execution ids are never labels. Each open-ended label ({@code workflow}, {@code action}, {@code
 * strategy}, {@code node}, every timer label and {@code error_type}) admits at most {@code
 * prometheus.maxLabelValues} distinct values; later values become {@code other} ({@link LabelCap}).
 * The {@code workflow} label has one cap shared by the workflow, step and recovery metrics, so the
 * same workflows keep their names everywhere. Each such value is exposed in its {@link
 * LabelValues#safe safe form}: at most 256 code points, without control characters.
 *
 * <h2>Configuration of the client</h2>
 *
 * Every metric is built with an explicit {@link PrometheusProperties} of the client's defaults, not
 * {@code PrometheusProperties.get()}: an application that configures its own Prometheus client
 * through {@code io.prometheus.*} properties must not reshape the agent's metrics.
 *
 * <p>Threads: {@link #accept} runs on the flusher thread only; {@link #snapshot} and scrapes may
 * run on any thread at the same time.
 */
public final class PrometheusSink implements EventSink {

  /** What a label value beyond its cap becomes. */
  public static final String OTHER = LabelCap.OTHER;

  private static final String[] EXECUTION_STATUSES = {
    ExecutionFinished.SUCCESS, ExecutionFinished.FAILED, ExecutionFinished.TIMEOUT
  };
  private static final String[] STEP_STATUSES = {
    StepRecord.SUCCESS, StepRecord.FAILED, StepRecord.RECOVERED
  };
  private static final String[] RECOVERY_OUTCOMES = {TimerMetrics.SUCCESS, TimerMetrics.FAILURE};

  /** Finish events whose start has not arrived yet (the queue may reorder lifecycle events). */
  private static final int MAX_EARLY_FINISHES = 4096;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final AgentHealth health;
  private final IntSupplier queueDepth;
  private final int queueCapacity;
  private final String version;
  private final String host;
  private final long pid;
  private final boolean nodeLabels;
  private final LongAdder capped = new LongAdder();

  private final LabelCap workflows;
  private final LabelCap actions;
  private final LabelCap strategies;
  private final LabelCap nodes;

  private final Counter executions;
  private final Histogram executionDuration;
  private final Gauge running;
  private final Counter steps;
  private final Histogram stepDuration;
  private final Counter recoveries;
  private final Histogram recoveryDuration;
  private final ResourceMetrics resources;
  private final Map<String, TimerMetrics> timers = new HashMap<>();
  private final int maxLabelValues;
  private final PrometheusProperties properties;

  // Flusher thread only.
  private final Map<String, String> runningWorkflowByExecution = new HashMap<>();
  private final Set<String> finishedBeforeStarted = new LinkedHashSet<>();
  private final Set<String> seenWorkflows = new HashSet<>();
  private final Set<List<String>> seenSteps = new HashSet<>();
  private final Set<List<String>> seenRecoveries = new HashSet<>();

  private PrometheusSink(
      AgentConfig config,
      AgentHealth health,
      IntSupplier queueDepth,
      int queueCapacity,
      String version,
      String host,
      long pid) {
    this.health = health;
    this.queueDepth = queueDepth;
    this.queueCapacity = queueCapacity;
    this.version = version;
    this.host = host;
    this.pid = pid;
    this.nodeLabels = config.prometheusNodeLabels();
    this.maxLabelValues = config.prometheusMaxLabelValues();
    this.properties = PrometheusProperties.builder().build();
    this.workflows =
        new LabelCap(
            "workflow", "rpa_workflow_*, rpa_step_*, rpa_recovery_*", maxLabelValues, capped);
    this.actions = new LabelCap("action", "rpa_step_*", maxLabelValues, capped);
    this.strategies = new LabelCap("strategy", "rpa_recovery_*", maxLabelValues, capped);
    this.nodes = new LabelCap("node", "rpa_step_*, rpa_recovery_*", maxLabelValues, capped);

    executions =
        Registration.register(
            "rpa_workflow_executions_total",
            () ->
                Counter.builder(properties)
                    .name("rpa_workflow_executions_total")
                    .help("Finished workflow executions, by workflow and status.")
                    .labelNames("workflow", "status")
                    .withoutExemplars()
                    .register(registry));
    executionDuration =
        Registration.register(
            "rpa_workflow_duration_seconds",
            () ->
                histogram("rpa_workflow_duration_seconds")
                    .help("Duration of finished workflow executions, in seconds.")
                    .labelNames("workflow")
                    .register(registry));
    running =
        Registration.register(
            "rpa_workflow_executions_running",
            () ->
                Gauge.builder(properties)
                    .name("rpa_workflow_executions_running")
                    .help("Workflow executions started and not yet finished.")
                    .labelNames("workflow")
                    .withoutExemplars()
                    .register(registry));
    steps =
        Registration.register(
            "rpa_step_executions_total",
            () ->
                Counter.builder(properties)
                    .name("rpa_step_executions_total")
                    .help("Step (node) executions, by workflow, action type and status.")
                    .labelNames(names("workflow", "action", "status"))
                    .withoutExemplars()
                    .register(registry));
    stepDuration =
        Registration.register(
            "rpa_step_duration_seconds",
            () ->
                histogram("rpa_step_duration_seconds")
                    .help("Duration of step (node) executions, in seconds.")
                    .labelNames(names("workflow", "action"))
                    .register(registry));
    recoveries =
        Registration.register(
            "rpa_recovery_attempts_total",
            () ->
                Counter.builder(properties)
                    .name("rpa_recovery_attempts_total")
                    .help("Self-healing attempts, by workflow, strategy and outcome.")
                    .labelNames(names("workflow", "strategy", "outcome"))
                    .withoutExemplars()
                    .register(registry));
    recoveryDuration =
        Registration.register(
            "rpa_recovery_duration_seconds",
            () ->
                histogram("rpa_recovery_duration_seconds")
                    .help("Duration of self-healing attempts, in seconds.")
                    .labelNames(names("workflow", "strategy"))
                    .register(registry));
    registerAgentHealth();
    resources = new ResourceMetrics(registry, properties);
    registerTimers(config.rules(Role.TIMER));
  }

  /**
   * Builds the metrics for {@code config}'s rules and settings. Call it on a background thread:
   * loading the Prometheus client costs tens of milliseconds.
   *
   * @param queueDepth read at every scrape (the queue's size is safe to read from any thread)
   */
  public static PrometheusSink create(
      AgentConfig config,
      AgentHealth health,
      IntSupplier queueDepth,
      int queueCapacity,
      String version,
      String host,
      long pid) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // The client's static configuration looks for prometheus.properties on the context class
    // loader: the application's file is the application's business, not the agent's.
    thread.setContextClassLoader(PrometheusSink.class.getClassLoader());
    try {
      return new PrometheusSink(config, health, queueDepth, queueCapacity, version, host, pid);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The agent's own registry, for the HTTP endpoint (never the default registry). */
  public PrometheusRegistry registry() {
    return registry;
  }

  @Override
  public void accept(List<Event> batch) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      Event event = batch.get(i);
      try {
        record(event);
      } catch (Throwable unexpected) {
        // Never throw back: the flusher would retry the batch and count its events twice.
        AgentLog.errorOnce(
            "prometheus-sink:" + unexpected.getClass().getName(),
            "prometheus: an event could not be counted in the metrics; the others are",
            unexpected);
      }
    }
  }

  /**
   * The current figures with the agent's health: what the endpoint would serve now. Safe from any
   * thread.
   */
  public MetricsSnapshot snapshot() {
    HealthFigures figures =
        new HealthFigures(
            health.written(),
            health.dropped(),
            health.unattributedCount(),
            health.extractorErrors(),
            health.writeErrors(),
            queueDepth.getAsInt(),
            queueCapacity,
            capped.sum());
    return new MetricsSnapshot(
        System.currentTimeMillis(),
        version,
        host,
        pid,
        figures,
        RegistrySnapshot.families(registry.scrape()));
  }

  private void record(Event event) {
    switch (event.kind()) {
      case EXECUTION_STARTED:
        started((ExecutionStarted) event);
        break;
      case EXECUTION_FINISHED:
        finished((ExecutionFinished) event);
        break;
      case STEP:
        step((StepRecord) event);
        break;
      case RECOVERY:
        recovery((RecoveryRecord) event);
        break;
      case TIMER:
        timer((TimerRecord) event);
        break;
      case RESOURCE_SAMPLE:
        resources.record((ResourceSample) event);
        break;
      default:
        break;
    }
  }

  private void started(ExecutionStarted event) {
    String workflow = workflow(event.workflowId);
    if (event.executionId != null && finishedBeforeStarted.remove(event.executionId)) {
      return; // its finish came first and found nothing to take away
    }
    if (event.executionId != null) {
      runningWorkflowByExecution.put(event.executionId, workflow);
    }
    if (running != null) {
      running.labelValues(workflow).inc();
    }
  }

  private void finished(ExecutionFinished event) {
    String workflow = workflow(event.workflowId);
    if (executions != null) {
      executions.labelValues(workflow, executionStatus(event.status)).inc();
    }
    if (executionDuration != null) {
      executionDuration.labelValues(workflow).observe(seconds(event.durationMs));
    }
    String startedAs =
        event.executionId == null ? null : runningWorkflowByExecution.remove(event.executionId);
    if (startedAs != null) {
      if (running != null) {
        running.labelValues(startedAs).dec();
      }
    } else if (event.executionId != null) {
      finishedBeforeStarted.add(event.executionId);
      if (finishedBeforeStarted.size() > MAX_EARLY_FINISHES) {
        Iterator<String> eldest = finishedBeforeStarted.iterator();
        eldest.next();
        eldest.remove();
      }
    }
  }

  private void step(StepRecord event) {
    String workflow = workflow(event.workflowId);
    String action = actions.admit(event.actionType);
    String node = nodeLabels ? nodes.admit(event.nodeId) : null;
    count(steps, seenSteps, STEP_STATUSES, workflow, action, node, stepStatus(event.status));
    observe(stepDuration, workflow, action, node, event.durationMs);
  }

  private void recovery(RecoveryRecord event) {
    String workflow = workflow(event.workflowId);
    String strategy = strategies.admit(event.strategy);
    String node = nodeLabels ? nodes.admit(event.nodeId) : null;
    String outcome = event.success ? TimerMetrics.SUCCESS : TimerMetrics.FAILURE;
    count(recoveries, seenRecoveries, RECOVERY_OUTCOMES, workflow, strategy, node, outcome);
    observe(recoveryDuration, workflow, strategy, node, event.durationMs);
  }

  /**
   * Counts one event under its outcome label. The first time a series appears, every outcome of it
   * is created at zero, so a ratio of two outcomes exists from the first scrape on.
   */
  private static void count(
      Counter counter,
      Set<List<String>> seen,
      String[] outcomes,
      String first,
      String second,
      String node,
      String outcome) {
    if (counter == null) {
      return;
    }
    if (seen.add(node == null ? List.of(first, second) : List.of(first, second, node))) {
      for (String each : outcomes) {
        counter.labelValues(values(first, second, node, each));
      }
    }
    counter.labelValues(values(first, second, node, outcome)).inc();
  }

  private static void observe(
      Histogram histogram, String first, String second, String node, double durationMs) {
    if (histogram != null) {
      histogram
          .labelValues(node == null ? new String[] {first, second} : values(first, second, node))
          .observe(seconds(durationMs));
    }
  }

  private void timer(TimerRecord event) {
    if (event.name == null) {
      return;
    }
    TimerMetrics metrics = timers.get(event.name);
    if (metrics == null) {
      // A timer the config did not announce (none today): its own labels define it.
      Set<String> labelNames =
          event.labels == null ? new LinkedHashSet<>() : new LinkedHashSet<>(event.labels.keySet());
      Set<String> valueNames =
          event.values == null ? new LinkedHashSet<>() : new LinkedHashSet<>(event.values.keySet());
      metrics =
          new TimerMetrics(
              event.name, labelNames, valueNames, registry, properties, maxLabelValues, capped);
      timers.put(event.name, metrics);
    }
    metrics.record(event);
  }

  /** The workflow's label value; the first time a workflow is seen its series start at zero. */
  private String workflow(String workflowId) {
    String workflow = workflows.admit(workflowId);
    if (seenWorkflows.add(workflow)) {
      if (executions != null) {
        for (String status : EXECUTION_STATUSES) {
          executions.labelValues(workflow, status);
        }
      }
      if (running != null) {
        running.labelValues(workflow);
      }
    }
    return workflow;
  }

  private void registerTimers(List<Rule> rules) {
    Map<String, Set<String>> labelNames = new LinkedHashMap<>();
    Map<String, Set<String>> valueNames = new LinkedHashMap<>();
    for (Rule rule : rules) {
      labelNames
          .computeIfAbsent(rule.timerName(), name -> new LinkedHashSet<>())
          .addAll(rule.labels().keySet());
      valueNames
          .computeIfAbsent(rule.timerName(), name -> new LinkedHashSet<>())
          .addAll(rule.values().keySet());
    }
    for (Map.Entry<String, Set<String>> timer : labelNames.entrySet()) {
      String name = timer.getKey();
      timers.put(
          name,
          new TimerMetrics(
              name,
              timer.getValue(),
              valueNames.get(name),
              registry,
              properties,
              maxLabelValues,
              capped));
    }
  }

  private void registerAgentHealth() {
    healthCounter(
        "rpa_agent_events_dropped_total",
        "Events the agent lost: refused by its full queue or in a batch its sinks gave up on.",
        health::dropped);
    healthCounter(
        "rpa_agent_events_stored_total",
        "Events the agent wrote to its SQLite store.",
        health::written);
    healthCounter(
        "rpa_agent_unattributed_total",
        "Steps and recoveries that ran with no execution open on their thread (not stored).",
        health::unattributedCount);
    healthCounter(
        "rpa_agent_extractor_errors_total",
        "Extractor expressions that failed on a live call.",
        health::extractorErrors);
    healthCounter(
        "rpa_agent_store_write_errors_total",
        "Failed attempts to write a batch of events to the store (each retry counts).",
        health::writeErrors);
    healthCounter(
        "rpa_agent_label_values_capped_total",
        "Label values reported as 'other' because their label reached prometheus.maxLabelValues.",
        capped::sum);
    Registration.register(
        "rpa_agent_queue_depth",
        () ->
            GaugeWithCallback.builder(properties)
                .name("rpa_agent_queue_depth")
                .help("Events waiting in the agent's queue to be written.")
                .callback(callback -> callback.call(queueDepth.getAsInt()))
                .register(registry));
    Registration.register(
        "rpa_agent_queue_capacity",
        () ->
            GaugeWithCallback.builder(properties)
                .name("rpa_agent_queue_capacity")
                .help("Capacity of the agent's queue (collector.queueCapacity).")
                .callback(callback -> callback.call(queueCapacity))
                .register(registry));
    Info info =
        Registration.register(
            "rpa_agent_info",
            () ->
                Info.builder(properties)
                    .name("rpa_agent_info")
                    .help("The RPA Insights agent serving these metrics.")
                    .labelNames("version")
                    .register(registry));
    if (info != null) {
      info.setLabelValues(version);
    }
    Gauge started =
        Registration.register(
            "rpa_agent_start_time_seconds",
            () ->
                Gauge.builder(properties)
                    .name("rpa_agent_start_time_seconds")
                    .help("When the agent's metrics started, seconds since the epoch.")
                    .withoutExemplars()
                    .register(registry));
    if (started != null) {
      started.set(System.currentTimeMillis() / 1000.0);
    }
  }

  private void healthCounter(String name, String help, LongSupplier value) {
    Registration.register(
        name,
        () ->
            CounterWithCallback.builder(properties)
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry));
  }

  private Histogram.Builder histogram(String name) {
    return Histogram.builder(properties)
        .name(name)
        .classicOnly()
        .classicUpperBounds(DurationBuckets.SECONDS)
        .withoutExemplars();
  }

  /** A counter's label names: two leading labels, {@code node} when on, then the outcome. */
  private String[] names(String first, String second, String last) {
    return nodeLabels
        ? new String[] {first, second, "node", last}
        : new String[] {first, second, last};
  }

  /** A histogram's label names: two labels, then {@code node} when on. */
  private String[] names(String first, String second) {
    return nodeLabels ? new String[] {first, second, "node"} : new String[] {first, second};
  }

  /** Label values in the order {@link #names} declares them; {@code node} null when off. */
  private static String[] values(String first, String second, String node, String last) {
    return node == null
        ? new String[] {first, second, last}
        : new String[] {first, second, node, last};
  }

  private static String[] values(String first, String second, String node) {
    return new String[] {first, second, node};
  }

  private static String executionStatus(String status) {
    if (ExecutionFinished.SUCCESS.equals(status) || ExecutionFinished.TIMEOUT.equals(status)) {
      return status;
    }
    return ExecutionFinished.FAILED;
  }

  private static String stepStatus(String status) {
    if (StepRecord.SUCCESS.equals(status) || StepRecord.RECOVERED.equals(status)) {
      return status;
    }
    return StepRecord.FAILED;
  }

  private static double seconds(double millis) {
    return millis > 0 ? millis / 1000.0 : 0;
  }
}
