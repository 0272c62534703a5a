package io.rpainsights.agent.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rpainsights.agent.event.ResourceSample;
import java.util.function.Function;

/**
 * The resource sampler's latest figures as gauges, and its per-interval disk I/O summed into
 * counters. A gauge has no sample until the sampler has reported its figure at least once (GPU
 * figures never appear without an NVIDIA driver): an absent figure is absent, never 0.
 *
 * <p>Threads: {@link #record} on the flusher thread; the gauges read the latest sample from the
 * scraping thread through a volatile field.
 */
final class ResourceMetrics {

  private volatile ResourceSample latest;
  private final Counter diskRead;
  private final Counter diskWritten;

  ResourceMetrics(PrometheusRegistry registry, PrometheusProperties properties) {
    gauge(
        registry,
        properties,
        "rpa_process_cpu_percent",
        "CPU used by this JVM over the last sampling interval, percent of every processor it may"
            + " use (0-100).",
        s -> s.processCpuPct);
    gauge(
        registry,
        properties,
        "rpa_system_cpu_percent",
        "CPU busy on the whole host over the last sampling interval, percent (0-100).",
        s -> s.systemCpuPct);
    gauge(
        registry,
        properties,
        "rpa_process_resident_memory_bytes",
        "Resident set size of this JVM, in bytes.",
        s -> toDouble(s.processRssBytes));
    gauge(
        registry,
        properties,
        "rpa_jvm_heap_used_bytes",
        "Java heap in use, in bytes.",
        s -> toDouble(s.heapUsedBytes));
    gauge(
        registry,
        properties,
        "rpa_system_memory_used_bytes",
        "Memory in use on the host, in bytes.",
        s -> toDouble(s.systemMemUsedBytes));
    gauge(
        registry,
        properties,
        "rpa_gpu_utilization_percent",
        "GPU utilisation averaged over the NVIDIA devices, percent (0-100).",
        s -> s.gpuUtilPct);
    gauge(
        registry,
        properties,
        "rpa_gpu_memory_used_bytes",
        "GPU memory in use summed over the NVIDIA devices, in bytes.",
        s -> toDouble(s.gpuMemUsedBytes));
    diskRead =
        Registration.register(
            "rpa_process_disk_read_bytes_total",
            () ->
                Counter.builder(properties)
                    .name("rpa_process_disk_read_bytes_total")
                    .help("Bytes this JVM read from storage since the agent started.")
                    .withoutExemplars()
                    .register(registry));
    diskWritten =
        Registration.register(
            "rpa_process_disk_written_bytes_total",
            () ->
                Counter.builder(properties)
                    .name("rpa_process_disk_written_bytes_total")
                    .help("Bytes this JVM wrote to storage since the agent started.")
                    .withoutExemplars()
                    .register(registry));
  }

  void record(ResourceSample sample) {
    latest = sample;
    if (diskRead != null && sample.diskReadBytes != null && sample.diskReadBytes > 0) {
      diskRead.inc(sample.diskReadBytes);
    }
    if (diskWritten != null && sample.diskWriteBytes != null && sample.diskWriteBytes > 0) {
      diskWritten.inc(sample.diskWriteBytes);
    }
  }

  private void gauge(
      PrometheusRegistry registry,
      PrometheusProperties properties,
      String name,
      String help,
      Function<ResourceSample, Double> figure) {
    Registration.register(
        name,
        () ->
            GaugeWithCallback.builder(properties)
                .name(name)
                .help(help)
                .callback(
                    callback -> {
                      ResourceSample sample = latest;
                      Double value = sample == null ? null : figure.apply(sample);
                      if (value != null && !value.isNaN()) {
                        callback.call(value);
                      }
                    })
                .register(registry));
  }

  private static Double toDouble(Long value) {
    return value == null ? null : value.doubleValue();
  }
}
