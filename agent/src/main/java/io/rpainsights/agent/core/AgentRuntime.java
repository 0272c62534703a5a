package io.rpainsights.agent.core;

import io.rpainsights.agent.bootstrap.Bridge;
import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.collect.EventQueue;
import io.rpainsights.agent.collect.EventSink;
import io.rpainsights.agent.collect.Flusher;
import io.rpainsights.agent.config.AgentConfig;
import io.rpainsights.agent.config.Role;
import io.rpainsights.agent.config.Rule;
import io.rpainsights.agent.export.ExporterHost;
import io.rpainsights.agent.export.ExporterPlugins;
import io.rpainsights.agent.export.JsonFileExporter;
import io.rpainsights.agent.export.MetricsExporter;
import io.rpainsights.agent.instrument.CallRecorder;
import io.rpainsights.agent.instrument.Instrumenter;
import io.rpainsights.agent.instrument.StartupGate;
import io.rpainsights.agent.log.AgentLog;
import io.rpainsights.agent.metrics.PrometheusEndpoint;
import io.rpainsights.agent.metrics.PrometheusSink;
import io.rpainsights.agent.resources.ResourceSampler;
import io.rpainsights.agent.store.SqliteStore;
import io.rpainsights.agent.store.StoreException;
import java.lang.instrument.Instrumentation;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The running agent: wires recorder → queue → flusher → sinks, installs the instrumentation, and
 * owns start-up and shutdown.
 *
 * <p>What must happen before the application's classes load — the recorder and the instrumentation
 * — happens synchronously in premain. Everything slow (opening SQLite and loading its native
 * library, the resource sampler, HTTP endpoints) starts on a background thread; events recorded
 * meanwhile wait in the bounded queue. The shutdown hook waits for that start to finish, then ends
 * open executions and flushes everything, so a short-lived application loses nothing.
 *
 * <p>Metrics (the Prometheus endpoint, the JSON snapshot, exporter plugins) are one more sink of
 * the flusher, built only when one of them is configured; after the final flush every exporter gets
 * one last snapshot, so a snapshot file ends with the run's complete figures.
 */
final class AgentRuntime {

  private static final long SHUTDOWN_FLUSH_TIMEOUT_MS = 15_000;
  private static final long SHUTDOWN_EXPORT_TIMEOUT_MS = 5_000;

  private final AgentConfig config;
  private final String version;
  private final AgentHealth health = new AgentHealth();
  private final EventQueue queue;
  private final CallRecorder recorder;
  private final long startedAt = System.currentTimeMillis();
  private final long startedNanos = System.nanoTime();
  private final CountDownLatch backgroundStarted = new CountDownLatch(1);

  // Written by the background start-up thread before backgroundStarted is counted down; read by
  // the shutdown hook only after awaiting it.
  private Flusher flusher;
  private ResourceSampler sampler;
  private PrometheusEndpoint endpoint;
  private ExporterHost exporters;

  // Written by start() before the background start-up thread is started (so visible to it).
  private Instrumentation instrumentation;
  private StartupGate gate; // null after a runtime attach, which installs synchronously

  AgentRuntime(AgentConfig config, String version) {
    this.config = config;
    this.version = version;
    this.queue =
        new EventQueue(config.queueCapacity(), health, Flusher.maxBatch(config.batchSize()));
    this.recorder = new CallRecorder(config.rules(), queue, health);
  }

  void start(Instrumentation instrumentation, boolean attached) {
    this.instrumentation = instrumentation;
    letJavaBaseReadTheBridge(instrumentation);
    Bridge.setDispatcher(recorder);
    if (attached) {
      // At runtime the application is already running: retransform what is loaded, now.
      new Instrumenter(config.rules()).install(instrumentation, true);
    } else {
      // At premain the application's classes have yet to load: main() can start while the
      // transformer is built, and the gate holds back any class that may need it.
      gate = new StartupGate(config.rules(), AgentRuntime.class.getClassLoader());
      gate.install(instrumentation, () -> new Instrumenter(config.rules()).buildTransformer());
    }
    AgentLog.info(
        "active"
            + (attached ? " (attached at runtime)" : "")
            + ": agent "
            + version
            + " on Java "
            + Runtime.version().feature()
            + ", "
            + describeRules(config.rules())
            + ", store "
            + config.storePath());
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "rpa-insights-shutdown"));
    Thread background = new Thread(this::startInBackground, "rpa-insights-start");
    background.setDaemon(true);
    if (gate != null) {
      // Opening SQLite makes the JDK load its thread pools; the store must not wait for them.
      gate.neverHoldBack(background);
    }
    background.start();
  }

  /**
   * Advice inlined into java.util.concurrent (context propagation) calls the bridge, which lives in
   * the bootstrap loader's unnamed module; java.base must be allowed to read it.
   */
  private static void letJavaBaseReadTheBridge(Instrumentation instrumentation) {
    Module javaBase = Object.class.getModule();
    Module bridge = Bridge.class.getModule();
    if (!javaBase.canRead(bridge)) {
      instrumentation.redefineModule(
          javaBase, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }

  private void startInBackground() {
    try {
      List<EventSink> sinks = new ArrayList<>();
      String host = hostName();
      try {
        SqliteStore store = SqliteStore.open(config.storePath(), host, health);
        sinks.add(new StoreSink(store, health, queue, startedAt, config.retentionDays()));
        JvmMarks.mark(JvmMarks.STORE, "ok");
      } catch (StoreException e) {
        AgentLog.warn(e.getMessage() + "; nothing will be stored, the application is unaffected");
        JvmMarks.mark(JvmMarks.STORE, "failed: " + e.getMessage());
      }
      PrometheusSink metrics = createMetrics(host);
      if (metrics != null) {
        sinks.add(metrics);
      }
      Flusher started =
          new Flusher(queue, config.batchSize(), config.flushIntervalMs(), health, sinks);
      started.start();
      flusher = started;
      if (metrics != null) {
        startMetricsOutputs(metrics, host);
      }
      if (config.resourcesEnabled()) {
        ResourceSampler resources =
            new ResourceSampler(
                config.resourcesIntervalMs(),
                recorder::runningExecutions,
                queue::offer,
                instrumentation,
                startedNanos);
        resources.start();
        sampler = resources;
      }
    } catch (Throwable error) {
      AgentLog.error(
          "the agent's background start failed; recording continues in memory only", error);
    } finally {
      if (gate != null) {
        gate.catchUp(instrumentation);
      }
      backgroundStarted.countDown();
    }
  }

  /** The metrics sink when an endpoint or exporter wants it; null (logged if broken) otherwise. */
  private PrometheusSink createMetrics(String host) {
    if (!config.prometheusEnabled()
        && config.jsonExportDir() == null
        && config.exporterPlugins().isEmpty()) {
      return null;
    }
    try {
      return PrometheusSink.create(
          config, health, queue::size, queue.capacity(), version, host, pid());
    } catch (Throwable error) {
      AgentLog.error("metrics are unavailable; the store is unaffected", error);
      return null;
    }
  }

  private void startMetricsOutputs(PrometheusSink metrics, String host) {
    if (config.prometheusEnabled()) {
      try {
        endpoint =
            PrometheusEndpoint.start(
                config.prometheusHost(), config.prometheusPort(), metrics.registry());
      } catch (Throwable error) {
        AgentLog.error("prometheus: the endpoint could not start", error);
      }
    }
    try {
      ExporterHost exporterHost = new ExporterHost(version, host, pid(), metrics::snapshot);
      if (config.jsonExportDir() != null) {
        exporterHost.add(
            "exporters.json",
            new JsonFileExporter(config.jsonExportDir(), pid()),
            config.jsonExportIntervalMs(),
            AgentRuntime.class.getClassLoader());
      }
      if (!config.exporterPlugins().isEmpty()) {
        ExporterPlugins plugins = ExporterPlugins.load(config.exporterPlugins());
        for (MetricsExporter exporter : plugins.exporters()) {
          exporterHost.add(
              exporter.getClass().getName(),
              exporter,
              config.exporterIntervalMs(),
              plugins.loader());
        }
      }
      exporters = exporterHost;
    } catch (Throwable error) {
      AgentLog.error("exporters could not start; the store is unaffected", error);
    }
  }

  private void shutdown() {
    try {
      backgroundStarted.await(SHUTDOWN_FLUSH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      recorder.abandonOpenExecutions();
      if (sampler != null) {
        sampler.shutdown();
      }
      if (flusher != null) {
        flusher.shutdown(SHUTDOWN_FLUSH_TIMEOUT_MS);
      }
      if (exporters != null) {
        exporters.shutdown(SHUTDOWN_EXPORT_TIMEOUT_MS);
      }
      if (endpoint != null) {
        endpoint.close();
      }
      long dropped = health.dropped();
      if (dropped > 0) {
        AgentLog.warn(
            dropped
                + " event(s) were dropped because the queue was full (collector.queueCapacity = "
                + config.queueCapacity()
                + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable error) {
      AgentLog.error("the agent's shutdown failed; some events may not be stored", error);
    }
  }

  private static String describeRules(List<Rule> rules) {
    Map<Role, Integer> counts = new EnumMap<>(Role.class);
    for (Rule rule : rules) {
      counts.merge(rule.role(), 1, Integer::sum);
    }
    StringJoiner parts = new StringJoiner(", ", rules.size() + " rule(s) (", ")");
    for (Map.Entry<Role, Integer> count : counts.entrySet()) {
      parts.add(count.getValue() + " " + count.getKey().configKey());
    }
    return counts.isEmpty() ? "no rules" : parts.toString();
  }

  private static String hostName() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception unknown) {
      return "unknown";
    }
  }

  private static long pid() {
    return ProcessHandle.current().pid();
  }
}
