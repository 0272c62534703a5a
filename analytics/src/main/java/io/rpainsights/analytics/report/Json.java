package io.rpainsights.analytics.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * The one JSON mapper of analytics: the CLI's {@code --format json}, the JSON report and the HTTP
 * server all serialise the engine's records with it, so their shapes are the same. Instants are
 * ISO-8601 strings; field names are the record components (camelCase).
 */
public final class Json {
  private static final ObjectMapper MAPPER = create(true);
  private static final ObjectMapper COMPACT = create(false);

  private Json() {}

  /** A mapper configured like the CLI's (pretty-printed). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Serialises a value as indented JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
    }
  }

  /** Serialises a value as one line of JSON (server-sent events, embedding in HTML). */
  public static String writeCompact(Object value) {
    try {
      return COMPACT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
    }
  }

  private static ObjectMapper create(boolean indent) {
    SimpleModule time = new SimpleModule("rpa-insights-time");
    time.addSerializer(Instant.class, ToStringSerializer.instance);
    ObjectMapper mapper = new ObjectMapper().registerModule(time);
    if (indent) {
      mapper.enable(SerializationFeature.INDENT_OUTPUT);
    }
    return mapper;
  }
}
