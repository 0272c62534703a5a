package io.rpainsights.agent.core;

import io.rpainsights.agent.bootstrap.Bridge;
import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.collect.EventQueue;
import io.rpainsights.agent.collect.EventSink;
import io.rpainsights.agent.collect.Flusher;
import io.rpainsights.agent.config.AgentConfig;
import io.rpainsights.agent.config.Role;
import io.rpainsights.agent.config.Rule;
import io.rpainsights.agent.instrument.CallRecorder;
import io.rpainsights.agent.instrument.Instrumenter;
import io.rpainsights.agent.log.AgentLog;
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
 */
final class AgentRuntime {

  private static final long SHUTDOWN_FLUSH_TIMEOUT_MS = 15_000;

  private final AgentConfig config;
  private final String version;
  private final AgentHealth health = new AgentHealth();
  private final EventQueue queue;
  private final CallRecorder recorder;
  private final long startedAt = System.currentTimeMillis();
  private final CountDownLatch backgroundStarted = new CountDownLatch(1);

  // Written by the background start-up thread before backgroundStarted is counted down; read by
  // the shutdown hook only after awaiting it.
  private Flusher flusher;
  private ResourceSampler sampler;

  AgentRuntime(AgentConfig config, String version) {
    this.config = config;
    this.version = version;
    this.queue = new EventQueue(config.queueCapacity(), health);
    this.recorder = new CallRecorder(config.rules(), queue, health);
  }

  void start(Instrumentation instrumentation, boolean attached) {
    letJavaBaseReadTheBridge(instrumentation);
    Bridge.setDispatcher(recorder);
    new Instrumenter(config.rules()).install(instrumentation);
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
      try {
        SqliteStore store = SqliteStore.open(config.storePath(), hostName(), health);
        sinks.add(new StoreSink(store, health, queue, startedAt, config.retentionDays()));
      } catch (StoreException e) {
        AgentLog.warn(e.getMessage() + "; nothing will be stored, the application is unaffected");
      }
      Flusher started =
          new Flusher(queue, config.batchSize(), config.flushIntervalMs(), health, sinks);
      started.start();
      flusher = started;
      if (config.resourcesEnabled()) {
        ResourceSampler resources =
            new ResourceSampler(
                config.resourcesIntervalMs(), recorder::runningExecutions, queue::offer);
        resources.start();
        sampler = resources;
      }
    } catch (Throwable error) {
      AgentLog.error(
          "the agent's background start failed; recording continues in memory only", error);
    } finally {
      backgroundStarted.countDown();
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
}
