package io.rpainsights.sample;

import io.rpainsights.sample.actions.ActionRegistry;
import io.rpainsights.sample.healing.SelfHealingEngine;
import io.rpainsights.sample.simulation.FaultModel;
import io.rpainsights.sample.simulation.LatencyModel;
import io.rpainsights.sample.simulation.ProbabilisticFaultModel;
import io.rpainsights.sample.simulation.Scenario;
import io.rpainsights.sample.simulation.Sleeper;
import io.rpainsights.sample.vision.Vision;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What every run of one engine shares: the actions, self-healing, the simulated world (latencies,
 * faults, time), the detectors, the pool that runs parallel branches, and the statistics. Each run
 * gets its own {@link ExecutionLoop}.
 */
final class Engine implements AutoCloseable {

  private final Scenario scenario;
  private final LatencyModel latency;
  private final FaultModel faults;
  private final SelfHealingEngine healing;
  private final ActionRegistry actions;
  private final Vision vision;
  private final Sleeper sleeper;
  private final StepLog stepLog;
  private final ExecutorService branchPool;
  private final RunStatistics statistics = new RunStatistics();

  private Engine(Builder builder) {
    this.scenario = builder.scenario;
    this.sleeper = builder.sleeper;
    this.stepLog = builder.stepLog;
    this.latency = new LatencyModel(scenario, builder.runs);
    this.faults =
        builder.faults != null ? builder.faults : ProbabilisticFaultModel.forScenario(scenario);
    this.healing =
        builder.healing != null ? builder.healing : SelfHealingEngine.forScenario(scenario);
    this.actions = ActionRegistry.standard();
    this.vision = Vision.standard(sleeper);
    // Four branches per concurrent execution at most, so branches never queue behind each other.
    this.branchPool =
        Executors.newFixedThreadPool(
            Math.min(64, 4 * builder.executionThreads), new NamedThreadFactory("branch-worker"));
  }

  /** An engine for {@code scenario} when {@code runs} executions run in all. */
  static Builder builder(Scenario scenario, int runs) {
    return new Builder(scenario, runs);
  }

  /** The loop that drives run {@code runIndex}; all its choices come from {@code random}. */
  ExecutionLoop newLoop(int runIndex, SplittableRandom random) {
    return new ExecutionLoop(this, runIndex, random);
  }

  /** What happened so far; exact once every execution has returned. */
  Summary summary() {
    return statistics.summary(healing.attempts(), healing.successes());
  }

  Scenario scenario() {
    return scenario;
  }

  LatencyModel latency() {
    return latency;
  }

  FaultModel faults() {
    return faults;
  }

  SelfHealingEngine healing() {
    return healing;
  }

  ActionRegistry actions() {
    return actions;
  }

  Vision vision() {
    return vision;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  StepLog stepLog() {
    return stepLog;
  }

  ExecutorService branchPool() {
    return branchPool;
  }

  RunStatistics statistics() {
    return statistics;
  }

  @Override
  public void close() {
    branchPool.shutdown();
  }

  /** Settings of an engine; everything but the scenario and the run count has a default. */
  static final class Builder {
    private final Scenario scenario;
    private final int runs;
    private Sleeper sleeper = Sleeper.real();
    private StepLog stepLog = StepLog.off();
    private FaultModel faults;
    private SelfHealingEngine healing;
    private int executionThreads = 1;

    private Builder(Scenario scenario, int runs) {
      this.scenario = Objects.requireNonNull(scenario, "scenario");
      this.runs = runs;
    }

    /** How simulated work spends time; {@link Sleeper#real()} by default. */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Where each step's simulated work is logged ({@code --step-log}); off by default. */
    Builder stepLog(StepLog stepLog) {
      this.stepLog = Objects.requireNonNull(stepLog, "stepLog");
      return this;
    }

    /** Replaces the scenario's probabilistic faults (tests script exact fault sequences). */
    Builder faults(FaultModel faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /** Replaces the scenario's recovery plans (tests script strategies' outcomes). */
    Builder healing(SelfHealingEngine healing) {
      this.healing = Objects.requireNonNull(healing, "healing");
      return this;
    }

    /** How many executions may run at once; sizes the branch pool. */
    Builder executionThreads(int executionThreads) {
      if (executionThreads < 1) {
        throw new IllegalArgumentException("executionThreads must be at least 1");
      }
      this.executionThreads = executionThreads;
      return this;
    }

    Engine build() {
      return new Engine(this);
    }
  }
}
