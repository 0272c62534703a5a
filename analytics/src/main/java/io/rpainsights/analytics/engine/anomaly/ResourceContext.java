package io.rpainsights.analytics.engine.anomaly;

import io.rpainsights.analytics.engine.stat.DoubleList;
import io.rpainsights.analytics.engine.stat.Percentiles;
import io.rpainsights.analytics.store.ResourceRow;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What the host's resources did while an incident lasted, against the hour before it: CPU or GPU
 * saturation (at least 90 % and 20 points above the usual median) and memory jumps (at least 30 %
 * and 50 MB above the usual median). This is how "the OCR step was slow while CPU was saturated"
 * gets said.
 */
final class ResourceContext {
  private static final Duration BEFORE = Duration.ofHours(1);
  private static final Duration MARGIN = Duration.ofMinutes(1);

  private final StoreReader reader;

  ResourceContext(StoreReader reader) {
    this.reader = reader;
  }

  private record Metric(String name, boolean percent, ToDoubleFunction<ResourceRow> get) {}

  private static final List<Metric> METRICS =
      List.of(
          new Metric("system CPU", true, ResourceRow::systemCpuPct),
          new Metric("process CPU", true, ResourceRow::processCpuPct),
          new Metric("GPU", true, ResourceRow::gpuUtilPct),
          new Metric("process memory (RSS)", false, r -> r.processRssBytes()),
          new Metric("heap", false, r -> r.heapUsedBytes()),
          new Metric("system memory", false, r -> r.systemMemUsedBytes()));

  /** Observations about resources during [from, to], most notable first; empty when none. */
  List<String> describe(long from, long to) {
    Instant start = Instant.ofEpochMilli(from).minus(MARGIN);
    Instant end = Instant.ofEpochMilli(Math.max(to, from + 1)).plus(MARGIN);
    List<ResourceRow> rows = new ArrayList<>();
    reader.resources(new Window(start.minus(BEFORE), end), rows::add);
    List<String> notes = new ArrayList<>();
    for (Metric m : METRICS) {
      DoubleList usual = new DoubleList();
      double peak = Double.NaN;
      for (ResourceRow r : rows) {
        double v = m.get.applyAsDouble(r);
        if (Double.isNaN(v) || v < 0) {
          continue;
        }
        if (r.ts() < start.toEpochMilli()) {
          usual.add(v);
        } else if (Double.isNaN(peak) || v > peak) {
          peak = v;
        }
      }
      if (Double.isNaN(peak) || usual.isEmpty()) {
        continue;
      }
      double median = Percentiles.median(usual.sorted());
      if (m.percent && peak >= 90 && peak - median >= 20) {
        notes.add(
            String.format(
                Locale.ROOT,
                "%s was saturated at %.0f %% (usually %.0f %%)",
                m.name,
                peak,
                median));
      } else if (!m.percent && peak >= 1.3 * median && peak - median >= 50_000_000) {
        notes.add(
            String.format(
                Locale.ROOT, "%s rose to %s (usually %s)", m.name, bytes(peak), bytes(median)));
      }
    }
    return notes;
  }

  private static String bytes(double b) {
    if (b >= 1e9) {
      return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
    }
    return String.format(Locale.ROOT, "%.0f MB", b / 1e6);
  }
}
