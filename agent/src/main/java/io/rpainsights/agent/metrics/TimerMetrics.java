package io.rpainsights.agent.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rpainsights.agent.config.MetricNames;
import io.rpainsights.agent.event.TimerRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The metrics of one timer name (DESIGN.md "Prometheus"): {@code <name>_calls_total{outcome,
 * error_type, labels...}}, the histogram {@code <name>_duration_seconds{labels...}} and one counter
 * {@code <name>_<value>_total{labels...}} per value. The label names are the union of the labels of
 * every timers rule with this name, in config order, so rules that share a name share metrics; a
 * label a record lacks reads "". Every label, {@code error_type} included, has its own {@link
 * LabelCap}.
 *
 * <p>Not thread-safe: records arrive on the flusher thread only.
 */
final class TimerMetrics {

  static final String SUCCESS = "success";
  static final String FAILURE = "failure";

  private final String name;
  private final String[] labelNames;
  private final LabelCap[] caps;
  private final LabelCap errorTypeCap;
  private final Counter calls;
  private final Histogram duration;
  private final Map<String, Counter> values = new LinkedHashMap<>();

  private final int callLabelCount;

  TimerMetrics(
      String name,
      Set<String> labelNames,
      Set<String> valueNames,
      PrometheusRegistry registry,
      PrometheusProperties properties,
      int maxLabelValues,
      LongAdder overflow) {
    this.name = name;
    this.labelNames = labelNames.toArray(new String[0]);
    this.caps = new LabelCap[this.labelNames.length];
    for (int i = 0; i < caps.length; i++) {
      caps[i] = new LabelCap(this.labelNames[i], name + "_*", maxLabelValues, overflow);
    }
    this.errorTypeCap = new LabelCap("error_type", name + "_calls_total", maxLabelValues, overflow);
    List<String> callLabelNames = new ArrayList<>(labelNames);
    callLabelNames.add("outcome");
    callLabelNames.add("error_type");
    this.callLabelCount = callLabelNames.size();
    String callsName = MetricNames.timerCalls(name);
    this.calls =
        Registration.register(
            callsName,
            () ->
                Counter.builder(properties)
                    .name(callsName)
                    .help(
                        "Calls of the methods timed as '" + name + "', by outcome and error type.")
                    .labelNames(callLabelNames.toArray(new String[0]))
                    .withoutExemplars()
                    .register(registry));
    String durationName = MetricNames.timerDuration(name);
    this.duration =
        Registration.register(
            durationName,
            () ->
                Histogram.builder(properties)
                    .name(durationName)
                    .help("Duration of the methods timed as '" + name + "', in seconds.")
                    .labelNames(this.labelNames)
                    .classicOnly()
                    .classicUpperBounds(DurationBuckets.SECONDS)
                    .withoutExemplars()
                    .register(registry));
    for (String value : valueNames) {
      String valueName = MetricNames.timerValue(name, value);
      Counter counter =
          Registration.register(
              valueName,
              () ->
                  Counter.builder(properties)
                      .name(valueName)
                      .help("Sum of '" + value + "' over the calls timed as '" + name + "'.")
                      .labelNames(this.labelNames)
                      .withoutExemplars()
                      .register(registry));
      if (counter != null) {
        values.put(value, counter);
      }
    }
  }

  String name() {
    return name;
  }

  void record(TimerRecord record) {
    // Fresh arrays each time: the client keeps the array it is given as the series' key.
    String[] labelValues = new String[labelNames.length];
    String[] callLabels = new String[callLabelCount];
    Map<String, String> recorded = record.labels;
    for (int i = 0; i < labelNames.length; i++) {
      String value = recorded == null ? null : recorded.get(labelNames[i]);
      labelValues[i] = caps[i].admit(value);
      callLabels[i] = labelValues[i];
    }
    boolean success = record.success;
    callLabels[labelNames.length] = success ? SUCCESS : FAILURE;
    callLabels[labelNames.length + 1] =
        success && record.errorType == null ? "" : errorTypeCap.admit(record.errorType);
    if (calls != null) {
      calls.labelValues(callLabels).inc();
    }
    if (duration != null) {
      duration
          .labelValues(labelValues)
          .observe(record.durationMs > 0 ? record.durationMs / 1000.0 : 0);
    }
    for (Map.Entry<String, Counter> value : values.entrySet()) {
      Double amount = record.values == null ? null : record.values.get(value.getKey());
      CounterDataPoint series = value.getValue().labelValues(labelValues);
      // A counter only goes up: a negative or non-finite reading cannot be summed into it.
      if (amount != null && amount >= 0 && !amount.isInfinite()) {
        series.inc(amount);
      }
    }
  }
}
