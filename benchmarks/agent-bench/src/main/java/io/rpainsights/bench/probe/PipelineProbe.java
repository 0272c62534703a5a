package io.rpainsights.bench.probe;

import io.rpainsights.agent.bootstrap.Bridge;
import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.collect.EventQueue;
import io.rpainsights.agent.collect.Flusher;
import io.rpainsights.agent.config.AgentConfig;
import io.rpainsights.agent.config.Role;
import io.rpainsights.agent.instrument.CallRecorder;
import io.rpainsights.agent.store.SqliteStore;
import io.rpainsights.bench.workload.Node;
import io.rpainsights.bench.workload.StepResult;
import io.rpainsights.bench.workload.Workflow;
import io.rpainsights.bench.workload.WorkflowEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent's sustained ingest rate: its real pipeline — {@link Bridge} → {@link CallRecorder} →
 * {@link EventQueue} (default capacity) → {@link Flusher} (default batch size) → {@link
 * SqliteStore} — driven in-process by a producer that records the workload's workflows as fast as
 * the store takes them. The producer only holds back while the queue is more than half full (as a
 * load generator must, to measure the consumer and not the drop path), so every event is stored;
 * the rate is step rows in the file divided by the time from the first event to the end of the
 * final flush.
 *
 * <p>Output: {@code PIPELINE rows_per_s=... steps_stored=... steps_produced=... dropped=...
 * queue_capacity=... batch_size=... seconds=...}.
 */
public final class PipelineProbe {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PipelineProbe() {}

  public static void main(String[] args) throws Exception {
    Args options;
    try {
      options = Args.parse(args, "--config", "--seconds", "--dir", "--work");
    } catch (IllegalArgumentException e) {
      System.err.println("pipeline: " + e.getMessage());
      System.exit(2);
      return;
    }
    double seconds = options.number("--seconds", 60);
    int work = options.integer("--work", 45);
    Path dir = Paths.get(options.text("--dir", System.getProperty("java.io.tmpdir")));
    Files.createDirectories(dir);
    Path file = dir.resolve("pipeline.db");
    Stores.delete(file);
    AgentConfig config =
        AgentSetup.load(
            Paths.get(options.text("--config", "benchmarks/workload-rpa-insights.yaml")),
            "store.path=" + file);
    System.out.println(run(config, file, seconds, work));
  }

  static String run(AgentConfig config, Path file, double seconds, int work) throws Exception {
    AgentHealth health = new AgentHealth();
    EventQueue queue =
        new EventQueue(config.queueCapacity(), health, Flusher.maxBatch(config.batchSize()));
    CallRecorder recorder = new CallRecorder(config.rules(), queue, health);
    SqliteStore store = SqliteStore.open(file, "bench-host", health);
    Flusher flusher =
        new Flusher(queue, config.batchSize(), config.flushIntervalMs(), health, List.of(store));
    int executionRule = AgentSetup.ruleId(config, Role.EXECUTION);
    int stepRule = AgentSetup.ruleId(config, Role.STEP);
    List<Workflow> workflows = new ArrayList<>();
    for (int i = 0; i < Rows.WORKFLOWS; i++) {
      workflows.add(Workflow.of(Rows.workflowId(i), 100));
    }
    WorkflowEngine engine = new WorkflowEngine(work);
    int highWater = queue.capacity() / 2;
    long produced = 0;
    Bridge.setDispatcher(recorder);
    flusher.start();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    double producerCpuStart = THREADS.getCurrentThreadCpuTime() / 1e9;
    Thread flusherThread = null;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("rpa-insights-flusher")) {
        flusherThread = t;
      }
    }
    long flusherId = flusherThread == null ? -1 : flusherThread.getId();
    double[] flusherCpu = {0};
    try {
      int next = 0;
      while (System.nanoTime() - end < 0) {
        Workflow workflow = workflows.get(next);
        next = (next + 1) % workflows.size();
        Object execution = Bridge.enter(executionRule, engine, new Object[] {workflow});
        for (Node node : workflow.getNodes()) {
          while (queue.size() >= highWater) {
            LockSupport.parkNanos(50_000);
          }
          Object step = Bridge.enter(stepRule, engine, new Object[] {node});
          StepResult result = engine.executeNode(node);
          Bridge.exit(stepRule, step, engine, result, null);
          produced++;
        }
        Bridge.exit(executionRule, execution, engine, "success", null);
        if (flusherId >= 0) {
          long cpu = THREADS.getThreadCpuTime(flusherId);
          if (cpu > 0) {
            flusherCpu[0] = cpu / 1e9;
          }
        }
      }
    } finally {
      Bridge.setDispatcher(null);
      flusher.shutdown(300_000);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double producerCpu = THREADS.getCurrentThreadCpuTime() / 1e9 - producerCpuStart;
    long stored;
    try (Connection connection = Stores.open(file)) {
      stored = Stores.count(connection, "SELECT count(*) FROM steps");
    }
    Stores.delete(file);
    return String.format(
        Locale.ROOT,
        "PIPELINE rows_per_s=%.0f steps_stored=%d steps_produced=%d dropped=%d queue_capacity=%d"
            + " batch_size=%d seconds=%.1f flusher_cpu_s=%.1f producer_cpu_s=%.1f"
            + " rows_per_flusher_cpu_s=%.0f",
        stored / elapsed,
        stored,
        produced,
        health.dropped(),
        queue.capacity(),
        config.batchSize(),
        elapsed,
        flusherCpu[0],
        producerCpu,
        stored / flusherCpu[0]);
  }
}
