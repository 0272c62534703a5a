package io.rpainsights.analytics.engine;

import io.rpainsights.analytics.engine.anomaly.AnomalyDetector;
import io.rpainsights.analytics.engine.anomaly.BaselineStore;
import io.rpainsights.analytics.engine.insight.InsightGenerator;
import io.rpainsights.analytics.engine.live.LiveTracker;
import io.rpainsights.analytics.engine.perf.BottleneckAnalyzer;
import io.rpainsights.analytics.engine.perf.DegradationDetector;
import io.rpainsights.analytics.engine.perf.StatsAnalyzer;
import io.rpainsights.analytics.engine.perf.TrendAnalyzer;
import io.rpainsights.analytics.engine.perf.WorkflowComparator;
import io.rpainsights.analytics.engine.success.SuccessAnalyzer;
import io.rpainsights.analytics.store.AnalyticsState;
import io.rpainsights.analytics.store.Store;
import io.rpainsights.analytics.store.StoreOptions;
import io.rpainsights.analytics.store.StoreReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Every analysis over one store, wired once: the entry point for the CLI, the reports and the HTTP
 * server. Each analyzer takes a small query record and returns records that serialise to the JSON
 * shapes of DESIGN.md. Thread-safe; close it to release the store's connections.
 */
public final class Analytics implements AutoCloseable {
  private final Store store;
  private final Clock clock;
  private final StoreReader reader;
  private final StatsAnalyzer stats;
  private final BottleneckAnalyzer bottlenecks;
  private final DegradationDetector degradation;
  private final TrendAnalyzer trend;
  private final WorkflowComparator comparator;
  private final SuccessAnalyzer success;
  private final LiveTracker live;
  private final AnalyticsState state;
  private final BaselineStore baselines;
  private final AnomalyDetector anomalies;
  private final InsightGenerator insights;

  public Analytics(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.reader = new StoreReader(store);
    this.stats = new StatsAnalyzer(reader, clock);
    this.bottlenecks = new BottleneckAnalyzer(reader, clock);
    this.degradation = new DegradationDetector(reader, clock);
    this.trend = new TrendAnalyzer(reader, clock);
    this.comparator = new WorkflowComparator(reader, stats, clock);
    this.success = new SuccessAnalyzer(reader, clock);
    this.live = new LiveTracker(reader, clock);
    this.state = new AnalyticsState(store);
    this.baselines = new BaselineStore(reader, state, Duration.ofHours(1));
    this.anomalies = new AnomalyDetector(reader, baselines, clock);
    this.insights = new InsightGenerator(reader, state, clock);
  }

  /**
   * Opens the store at {@code path} (read-only for the agent's tables).
   *
   * @throws io.rpainsights.analytics.store.InvalidInputException when it is missing or not ours
   */
  public static Analytics open(Path path, Clock clock) {
    return new Analytics(Store.open(path), clock);
  }

  /** Opens with explicit store options (e.g. caching off for benchmarks). */
  public static Analytics open(Path path, Clock clock, StoreOptions options) {
    return new Analytics(Store.open(path, options), clock);
  }

  public Store store() {
    return store;
  }

  public StoreReader reader() {
    return reader;
  }

  public Clock clock() {
    return clock;
  }

  public StatsAnalyzer stats() {
    return stats;
  }

  public BottleneckAnalyzer bottlenecks() {
    return bottlenecks;
  }

  public DegradationDetector degradation() {
    return degradation;
  }

  public TrendAnalyzer trend() {
    return trend;
  }

  public WorkflowComparator comparator() {
    return comparator;
  }

  public SuccessAnalyzer success() {
    return success;
  }

  public LiveTracker live() {
    return live;
  }

  /** Analytics' own tables (baselines, implemented insights, meta). */
  public AnalyticsState state() {
    return state;
  }

  public BaselineStore baselines() {
    return baselines;
  }

  public AnomalyDetector anomalies() {
    return anomalies;
  }

  public InsightGenerator insights() {
    return insights;
  }

  @Override
  public void close() {
    store.close();
  }
}
