package io.rpainsights.analytics.engine.live;

import io.rpainsights.analytics.engine.stat.DoubleList;
import io.rpainsights.analytics.engine.stat.Percentiles;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What recent successful runs of a workflow say about its steps: quartiles of step duration per
 * step position, of any step (for positions never seen), and of the number of steps per run.
 */
record StepProfile(
    int runs, Map<Integer, double[]> quartilesByPosition, double[] anyStep, Integer medianSteps) {

  static StepProfile of(int runs, Map<Integer, DoubleList> byPosition, List<Integer> stepCounts) {
    Map<Integer, double[]> quartiles = new HashMap<>();
    DoubleList all = new DoubleList();
    for (Map.Entry<Integer, DoubleList> e : byPosition.entrySet()) {
      double[] sorted = e.getValue().sorted();
      quartiles.put(e.getKey(), quartiles(sorted));
      for (double v : sorted) {
        all.add(v);
      }
    }
    double[] any = all.isEmpty() ? null : quartiles(all.sorted());
    Integer medianSteps = null;
    if (!stepCounts.isEmpty()) {
      double[] counts = stepCounts.stream().mapToDouble(Integer::doubleValue).toArray();
      Arrays.sort(counts);
      medianSteps = (int) Math.round(Percentiles.median(counts));
    }
    return new StepProfile(runs, quartiles, any, medianSteps);
  }

  /** p25, median, p75 of a position's durations; the any-step quartiles when never seen. */
  double[] at(int position) {
    return quartilesByPosition.getOrDefault(position, anyStep);
  }

  boolean isEmpty() {
    return anyStep == null;
  }

  private static double[] quartiles(double[] sorted) {
    return new double[] {
      Percentiles.r7(sorted, 0.25), Percentiles.r7(sorted, 0.5), Percentiles.r7(sorted, 0.75)
    };
  }
}
