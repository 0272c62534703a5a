package io.rpainsights.agent.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One labelled series of a {@link MetricFamily}. Counters and gauges carry a {@link #value()};
 * histograms carry {@link #count()}, {@link #sum()} and cumulative {@link #buckets()}, and their
 * value is their count. Immutable.
 */
public final class DataPoint {

  private final Map<String, String> labels;
  private final double value;
  private final long count;
  private final double sum;
  private final List<Bucket> buckets;

  private DataPoint(
      Map<String, String> labels, double value, long count, double sum, List<Bucket> buckets) {
    this.labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    this.value = value;
    this.count = count;
    this.sum = sum;
    this.buckets = Collections.unmodifiableList(new ArrayList<>(buckets));
  }

  /** A counter's or a gauge's point. */
  public static DataPoint of(Map<String, String> labels, double value) {
    return new DataPoint(labels, value, 0, 0, Collections.emptyList());
  }

  /** A histogram's point; {@code buckets} are cumulative and end with the +Inf bucket. */
  public static DataPoint histogram(
      Map<String, String> labels, long count, double sum, List<Bucket> buckets) {
    return new DataPoint(labels, count, count, sum, buckets);
  }

  /** Label name to value, sorted by name. */
  public Map<String, String> labels() {
    return labels;
  }

  /** The label's value, or null when the point has no such label. */
  public String label(String name) {
    return labels.get(name);
  }

  public double value() {
    return value;
  }

  /** Histograms: the number of observations (0 for other types). */
  public long count() {
    return count;
  }

  /** Histograms: the sum of observations, in the metric's unit (0 for other types). */
  public double sum() {
    return sum;
  }

  /** Histograms: cumulative buckets by upper bound, the last +Inf (empty for other types). */
  public List<Bucket> buckets() {
    return buckets;
  }

  /** A histogram bucket: how many observations were at most {@link #upperBound()}. */
  public static final class Bucket {
    private final double upperBound;
    private final long cumulativeCount;

    public Bucket(double upperBound, long cumulativeCount) {
      this.upperBound = upperBound;
      this.cumulativeCount = cumulativeCount;
    }

    /** The bucket's {@code le}; {@link Double#POSITIVE_INFINITY} for the last. */
    public double upperBound() {
      return upperBound;
    }

    public long cumulativeCount() {
      return cumulativeCount;
    }
  }
}
