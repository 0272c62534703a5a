package io.rpainsights.agent.metrics;

import io.rpainsights.agent.log.AgentLog;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Admits at most {@code max} distinct values of one label (FIELD-NOTES 13): the first {@code max}
 * values seen keep their name for the life of the JVM, every later one becomes {@value #OTHER}.
 * Values are made {@link LabelValues#safe safe} first, so the cap counts what is exposed and holds
 * no more than {@code max} values of bounded length. First come, first kept, so the mapping never
 * changes once made and counters stay monotonic. The first overflow is logged once; every value
 * reported as {@value #OTHER} is counted.
 *
 * <p>Not thread-safe: used by the flusher thread only.
 */
final class LabelCap {

  static final String OTHER = "other";

  private final String label;
  private final String metrics;
  private final int max;
  private final Set<String> admitted = new HashSet<>();
  private final LongAdder overflow;
  private boolean reported;

  /**
   * @param label the label's name, for the log line
   * @param metrics the metrics that use this cap, for the log line
   * @param overflow counts values reported as {@value #OTHER} (shared by every cap)
   */
  LabelCap(String label, String metrics, int max, LongAdder overflow) {
    this.label = label;
    this.metrics = metrics;
    this.max = Math.max(1, max);
    this.overflow = overflow;
  }

  /**
   * The label value to expose for {@code value}: its safe form, or {@value #OTHER}; null reads "".
   */
  String admit(String value) {
    String v = value == null ? "" : LabelValues.safe(value);
    if (admitted.contains(v)) {
      return v;
    }
    if (admitted.size() < max) {
      admitted.add(v);
      return v;
    }
    overflow.increment();
    if (!reported) {
      reported = true;
      AgentLog.warn(
          "prometheus: label '"
              + label
              + "' of "
              + metrics
              + " reached "
              + max
              + " distinct values (prometheus.maxLabelValues); further values are reported as '"
              + OTHER
              + "'");
    }
    return OTHER;
  }
}
