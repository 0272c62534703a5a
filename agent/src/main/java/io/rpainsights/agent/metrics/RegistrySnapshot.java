package io.rpainsights.agent.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.rpainsights.agent.export.DataPoint;
import io.rpainsights.agent.export.MetricFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a scrape of the registry into the exporters' model, with the names Prometheus exposes
 * ({@code _total} on counters, {@code _info} on info metrics), so the JSON snapshot and the
 * endpoint never disagree. A family with no data point (a resource gauge before its first sample)
 * is left out, as the text exposition leaves it out.
 */
final class RegistrySnapshot {

  private RegistrySnapshot() {}

  static List<MetricFamily> families(MetricSnapshots scraped) {
    List<MetricFamily> families = new ArrayList<>();
    for (MetricSnapshot snapshot : scraped) {
      MetricFamily family = convert(snapshot);
      if (family != null && !family.points().isEmpty()) {
        families.add(family);
      }
    }
    families.sort(Comparator.comparing(MetricFamily::name));
    return families;
  }

  private static MetricFamily convert(MetricSnapshot snapshot) {
    String name = snapshot.getMetadata().getPrometheusName();
    String help = snapshot.getMetadata().getHelp();
    List<DataPoint> points = new ArrayList<>();
    if (snapshot instanceof CounterSnapshot) {
      for (CounterSnapshot.CounterDataPointSnapshot point :
          ((CounterSnapshot) snapshot).getDataPoints()) {
        points.add(DataPoint.of(labels(point), point.getValue()));
      }
      return new MetricFamily(name + "_total", MetricFamily.Type.COUNTER, help, points);
    }
    if (snapshot instanceof GaugeSnapshot) {
      for (GaugeSnapshot.GaugeDataPointSnapshot point :
          ((GaugeSnapshot) snapshot).getDataPoints()) {
        points.add(DataPoint.of(labels(point), point.getValue()));
      }
      return new MetricFamily(name, MetricFamily.Type.GAUGE, help, points);
    }
    if (snapshot instanceof HistogramSnapshot) {
      for (HistogramSnapshot.HistogramDataPointSnapshot point :
          ((HistogramSnapshot) snapshot).getDataPoints()) {
        points.add(histogramPoint(point));
      }
      return new MetricFamily(name, MetricFamily.Type.HISTOGRAM, help, points);
    }
    if (snapshot instanceof InfoSnapshot) {
      for (InfoSnapshot.InfoDataPointSnapshot point : ((InfoSnapshot) snapshot).getDataPoints()) {
        points.add(DataPoint.of(labels(point), 1));
      }
      return new MetricFamily(name + "_info", MetricFamily.Type.GAUGE, help, points);
    }
    return null; // summaries, state sets, unknown: the agent makes none
  }

  private static DataPoint histogramPoint(HistogramSnapshot.HistogramDataPointSnapshot point) {
    ClassicHistogramBuckets buckets = point.getClassicBuckets();
    List<DataPoint.Bucket> cumulative = new ArrayList<>(buckets.size());
    long running = 0;
    for (int i = 0; i < buckets.size(); i++) {
      running += buckets.getCount(i); // the model holds per-bucket counts; exposition sums them
      cumulative.add(new DataPoint.Bucket(buckets.getUpperBound(i), running));
    }
    long count = point.hasCount() ? point.getCount() : running;
    double sum = point.hasSum() ? point.getSum() : 0;
    return DataPoint.histogram(labels(point), count, sum, cumulative);
  }

  private static Map<String, String> labels(DataPointSnapshot point) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Label label : point.getLabels()) {
      labels.put(label.getName(), label.getValue());
    }
    return labels;
  }
}
