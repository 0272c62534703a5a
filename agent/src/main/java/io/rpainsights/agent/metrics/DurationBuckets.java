package io.rpainsights.agent.metrics;

/**
 * The classic histogram buckets of every duration metric, in seconds: 1 ms to 1 h in a 1–2.5–5
 * progression up to 10 s, then the steps people think in (30 s, 1, 2, 5, 10, 20, 30, 60 min).
 *
 * <p>Why these: RPA steps take milliseconds (an API call, a click) to minutes (an OCR pass, a
 * download), whole executions seconds to an hour. {@code histogram_quantile} interpolates linearly
 * inside a bucket, so its error is bounded by the bucket's width; neighbouring bounds here never
 * differ by more than a factor of 3, so a p95 is off by at most that bucket's span, never by a
 * whole distribution (FIELD-NOTES "Prometheus and Grafana"). 21 bounds keep a series at 24 lines.
 */
final class DurationBuckets {

  static final double[] SECONDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600,
    1200, 1800, 3600
  };

  private DurationBuckets() {}
}
