package io.rpainsights.bench.jmh;

import io.rpainsights.bench.workload.UntracedEngine;
import io.rpainsights.bench.workload.Workflow;
import io.rpainsights.bench.workload.WorkflowEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A method really instrumented by the built agent against the same method un-instrumented, in one
 * forked JVM started with {@code -javaagent:agent/target/rpa-insights-agent.jar} and the workload's
 * config ({@link RunBenchmarks} adds the flag): {@code instrumented} runs a 100-node workflow
 * through {@link WorkflowEngine} (both methods matched), {@code untraced} through its twin {@link
 * UntracedEngine} (matched by nothing). Scores are per step.
 *
 * <p>At JMH's pace (millions of steps a second) SQLite cannot keep up, so after the first 60,000
 * events the queue is full and most events are dropped and counted: this measures the advice,
 * bridge, recorder and event with the enqueue mostly failing. compare-agents.sh measures the same
 * steps with every event stored.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class InstrumentedBenchmark {

  @Param({"0", "45"})
  public int work;

  private WorkflowEngine traced;
  private UntracedEngine untraced;
  private final Workflow workflow = Workflow.of("workflow-01", 100);

  @org.openjdk.jmh.annotations.Setup
  public void setUp() {
    traced = new WorkflowEngine(work);
    untraced = new UntracedEngine(work);
  }

  @Benchmark
  @OperationsPerInvocation(100)
  public String instrumented() {
    return traced.runWorkflow(workflow);
  }

  @Benchmark
  @OperationsPerInvocation(100)
  public String untraced() {
    return untraced.runWorkflow(workflow);
  }
}
