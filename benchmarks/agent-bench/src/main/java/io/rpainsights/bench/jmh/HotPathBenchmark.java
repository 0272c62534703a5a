package io.rpainsights.bench.jmh;

import io.rpainsights.agent.bootstrap.Bridge;
import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.collect.EventQueue;
import io.rpainsights.agent.collect.Flusher;
import io.rpainsights.agent.config.AgentConfig;
import io.rpainsights.agent.config.Expression;
import io.rpainsights.agent.config.Role;
import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.instrument.CallRecorder;
import io.rpainsights.bench.probe.AgentSetup;
import io.rpainsights.bench.workload.Node;
import io.rpainsights.bench.workload.StepResult;
import io.rpainsights.bench.workload.Workflow;
import io.rpainsights.bench.workload.WorkflowEngine;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The agent's hot path without byte code: what inlined advice does for one step, called directly.
 *
 * <ul>
 *   <li>{@code stepThroughBridge}: the bridge calls the advice makes for the step rule ({@code
 *       Bridge.enterFirstArgument}, as its expressions read no argument beyond the first, and
 *       {@code exit}) with a real {@link CallRecorder} (thread state, frame, the
 *       nodeId/actionType/success expressions, the timestamps, the event, the enqueue), an
 *       execution opened and closed every 100 steps as in the workload;
 *   <li>{@code enqueueOnly}: one step offered to the {@link EventQueue} as the recorder offers it
 *       (into the claimed slot's own {@link StepRecord});
 *   <li>{@code extractStepExpressions}: the three expressions of the step rule evaluated;
 *   <li>{@code timestamps}: the clock reads the recorder makes per step: two monotonic ones (the
 *       step's wall-clock start is derived from its execution's, read once per execution).
 * </ul>
 *
 * A consumer thread drains the queue as fast as it can and discards the events, so that the enqueue
 * path, not the drop path, is measured; the trial prints its drop count to show it (on a busy
 * two-core machine the consumer may still fall behind now and then).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

  /** The agent's collector, shared by the benchmark threads. */
  @State(Scope.Benchmark)
  public static class Agent {
    AgentHealth health;
    EventQueue queue;
    CallRecorder recorder;
    Thread drainer;
    volatile boolean draining;
    int executionRule;
    int stepRule;
    Expression nodeId;
    Expression actionType;
    Expression success;

    @Setup(Level.Trial)
    public void start() {
      AgentConfig config =
          AgentSetup.load(
              Paths.get(
                  System.getProperty("bench.config", "benchmarks/workload-rpa-insights.yaml")),
              "");
      health = new AgentHealth();
      queue = new EventQueue(config.queueCapacity(), health, Flusher.maxBatch(config.batchSize()));
      recorder = new CallRecorder(config.rules(), queue, health);
      draining = true;
      drainer = new Thread(this::drain, "hot-path-drainer");
      drainer.setDaemon(true);
      drainer.start();
      executionRule = AgentSetup.ruleId(config, Role.EXECUTION);
      stepRule = AgentSetup.ruleId(config, Role.STEP);
      nodeId = Expression.parse("arg0.nodeId");
      actionType = Expression.parse("arg0.actionType");
      success = Expression.parse("return.success");
      Bridge.setDispatcher(recorder);
    }

    @TearDown(Level.Trial)
    public void stop() {
      Bridge.setDispatcher(null);
      draining = false;
      try {
        drainer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.out.println("HotPathBenchmark: events dropped during the trial: " + health.dropped());
    }

    /** The single consumer: drains as fast as it can and discards (the Flusher parks when idle). */
    private void drain() {
      List<Event> sink = new ArrayList<>(8192);
      while (draining) {
        sink.clear();
        int drained = queue.drainTo(sink, 8192);
        queue.release(); // discarded at once
        if (drained == 0) {
          Thread.onSpinWait();
        }
      }
    }
  }

  /** One application thread's workflow in progress. */
  @State(Scope.Thread)
  public static class Caller {
    final WorkflowEngine engine = new WorkflowEngine(0);
    final Workflow workflow = Workflow.of("workflow-01", 100);
    final Node[] nodes = workflow.getNodes().toArray(new Node[0]);
    final StepResult result = engine.executeNode(nodes[0]);
    int next;
    Object execution;
  }

  @Benchmark
  public Object stepThroughBridge(Agent agent, Caller caller) {
    if (caller.next == 0) {
      caller.execution =
          Bridge.enterFirstArgument(agent.executionRule, caller.engine, caller.workflow);
    }
    Node node = caller.nodes[caller.next];
    Object token = Bridge.enterFirstArgument(agent.stepRule, caller.engine, node);
    Bridge.exit(agent.stepRule, token, caller.engine, caller.result, null);
    if (++caller.next == caller.nodes.length) {
      Bridge.exit(agent.executionRule, caller.execution, caller.engine, "success", null);
      caller.next = 0;
    }
    return token;
  }

  @Benchmark
  public boolean enqueueOnly(Agent agent, Caller caller) {
    return agent.queue.offerStep(
        "k2j3f9x-1z",
        "workflow-01",
        "node-001",
        "click",
        1,
        1_790_000_000_000L,
        0.000231,
        StepRecord.SUCCESS,
        null,
        null,
        false);
  }

  @Benchmark
  public Object extractStepExpressions(Agent agent, Caller caller) {
    Object[] args = {caller.nodes[7]};
    Object a = agent.nodeId.evaluate(caller.engine, args, null, null, null);
    Object b = agent.actionType.evaluate(caller.engine, args, null, null, null);
    Object c = agent.success.evaluate(caller.engine, args, caller.result, null, null);
    return a.hashCode() + b.hashCode() + c.hashCode();
  }

  @Benchmark
  public long timestamps() {
    long start = System.nanoTime();
    return System.nanoTime() - start;
  }
}
