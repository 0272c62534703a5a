package io.rpainsights.agent.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a {@link MetricsSnapshot} as the JSON document of the snapshot file:
 *
 * <pre>{@code
 * {"timestamp": "2026-11-22T10:00:00.123Z", "timestampMs": 1795341600123,
 *  "agent": {"version": "0.1.0", "host": "bot-7", "pid": 4242},
 *  "health": {"eventsStored": 5120, "eventsDropped": 0, "unattributed": 0, "extractorErrors": 0,
 *             "storeWriteErrors": 0, "queueDepth": 3, "queueCapacity": 65536,
 *             "labelValuesCapped": 0},
 *  "metrics": {
 *    "rpa_workflow_executions_total": {"type": "counter", "help": "...",
 *        "points": [{"labels": {"status": "success", "workflow": "invoice"}, "value": 57}]},
 *    "rpa_workflow_duration_seconds": {"type": "histogram", "help": "...",
 *        "points": [{"labels": {"workflow": "invoice"}, "count": 60, "sum": 93.5,
 *                    "buckets": [{"le": 0.001, "count": 0}, ..., {"le": "+Inf", "count": 60}]}]}}}
 * }</pre>
 *
 * Field names are camelCase like the analytics JSON; metric and label names are Prometheus's. A
 * whole number is written without a fraction; the +Inf bound is the string {@code "+Inf"} because
 * JSON has no infinity.
 */
public final class SnapshotJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private SnapshotJson() {}

  /** Writes {@code snapshot} to {@code out} (UTF-8) and flushes; does not close {@code out}. */
  public static void write(MetricsSnapshot snapshot, OutputStream out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField(
          "timestamp", Instant.ofEpochMilli(snapshot.timestampMillis()).toString());
      json.writeNumberField("timestampMs", snapshot.timestampMillis());
      json.writeObjectFieldStart("agent");
      json.writeStringField("version", snapshot.agentVersion());
      json.writeStringField("host", snapshot.host());
      json.writeNumberField("pid", snapshot.pid());
      json.writeEndObject();
      writeHealth(json, snapshot.health());
      json.writeObjectFieldStart("metrics");
      for (MetricFamily family : snapshot.families()) {
        writeFamily(json, family);
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    out.flush();
  }

  private static void writeHealth(JsonGenerator json, HealthFigures health) throws IOException {
    json.writeObjectFieldStart("health");
    json.writeNumberField("eventsStored", health.eventsStored());
    json.writeNumberField("eventsDropped", health.eventsDropped());
    json.writeNumberField("unattributed", health.unattributed());
    json.writeNumberField("extractorErrors", health.extractorErrors());
    json.writeNumberField("storeWriteErrors", health.storeWriteErrors());
    json.writeNumberField("queueDepth", health.queueDepth());
    json.writeNumberField("queueCapacity", health.queueCapacity());
    json.writeNumberField("labelValuesCapped", health.labelValuesCapped());
    json.writeEndObject();
  }

  private static void writeFamily(JsonGenerator json, MetricFamily family) throws IOException {
    json.writeObjectFieldStart(family.name());
    json.writeStringField("type", family.type().name().toLowerCase(java.util.Locale.ROOT));
    json.writeStringField("help", family.help());
    json.writeArrayFieldStart("points");
    for (DataPoint point : family.points()) {
      json.writeStartObject();
      json.writeObjectFieldStart("labels");
      for (Map.Entry<String, String> label : point.labels().entrySet()) {
        json.writeStringField(label.getKey(), label.getValue());
      }
      json.writeEndObject();
      if (family.type() == MetricFamily.Type.HISTOGRAM) {
        json.writeNumberField("count", point.count());
        json.writeFieldName("sum");
        writeNumber(json, point.sum());
        json.writeArrayFieldStart("buckets");
        for (DataPoint.Bucket bucket : point.buckets()) {
          json.writeStartObject();
          json.writeFieldName("le");
          writeNumber(json, bucket.upperBound());
          json.writeNumberField("count", bucket.cumulativeCount());
          json.writeEndObject();
        }
        json.writeEndArray();
      } else {
        json.writeFieldName("value");
        writeNumber(json, point.value());
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** Whole numbers without ".0"; non-finite values as Prometheus spells them, in a string. */
  private static void writeNumber(JsonGenerator json, double value) throws IOException {
    if (Double.isNaN(value)) {
      json.writeString("NaN");
    } else if (Double.isInfinite(value)) {
      json.writeString(value > 0 ? "+Inf" : "-Inf");
    } else if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
      json.writeNumber((long) value);
    } else {
      json.writeNumber(value);
    }
  }
}
