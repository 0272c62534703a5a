package io.rpainsights.agent.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** One metric and all its labelled data points, as Prometheus exposes it. Immutable. */
public final class MetricFamily {

  /** The Prometheus metric types the agent uses. */
  public enum Type {
    COUNTER,
    GAUGE,
    HISTOGRAM
  }

  private final String name;
  private final Type type;
  private final String help;
  private final List<DataPoint> points;

  public MetricFamily(String name, Type type, String help, List<DataPoint> points) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.help = help == null ? "" : help;
    this.points = Collections.unmodifiableList(new ArrayList<>(points));
  }

  /**
   * The name as exposed and queried: counters end in {@code _total}; a histogram's is the base of
   * its {@code _bucket}, {@code _count} and {@code _sum} series.
   */
  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public String help() {
    return help;
  }

  public List<DataPoint> points() {
    return points;
  }

  /**
   * The figure summed over every data point: the sum of values for counters and gauges, the number
   * of observations for histograms.
   */
  public double total() {
    double total = 0;
    for (DataPoint point : points) {
      total += type == Type.HISTOGRAM ? point.count() : point.value();
    }
    return total;
  }
}
