package io.rpainsights.agent.config;

import io.rpainsights.agent.config.ConfigNode.ListNode;
import io.rpainsights.agent.config.ConfigNode.ScalarNode;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every setting: its path in the config file (the name overrides use), how its value is checked,
 * and which {@link AgentConfig.Builder} property it sets.
 */
enum Setting {
  ENABLED("enabled", Kind.BOOLEAN, 0, 0),
  DEBUG("debug", Kind.BOOLEAN, 0, 0),
  STORE_PATH("store.path", Kind.PATH, 0, 0),
  BATCH_SIZE("collector.batchSize", Kind.INTEGER, 1, Integer.MAX_VALUE),
  FLUSH_INTERVAL_MS("collector.flushIntervalMs", Kind.INTERVAL, 0, 0),
  QUEUE_CAPACITY("collector.queueCapacity", Kind.INTEGER, 16, 1 << 29),
  RESOURCES_ENABLED("resources.enabled", Kind.BOOLEAN, 0, 0),
  RESOURCES_INTERVAL_MS("resources.intervalMs", Kind.INTERVAL, 0, 0),
  PROMETHEUS_ENABLED("prometheus.enabled", Kind.BOOLEAN, 0, 0),
  PROMETHEUS_HOST("prometheus.host", Kind.HOST, 0, 0),
  PROMETHEUS_PORT("prometheus.port", Kind.INTEGER, 0, 65535),
  PROMETHEUS_NODE_LABELS("prometheus.nodeLabels", Kind.BOOLEAN, 0, 0),
  PROMETHEUS_MAX_LABEL_VALUES("prometheus.maxLabelValues", Kind.INTEGER, 1, 1_000_000),
  JSON_EXPORT_DIR("exporters.json.dir", Kind.OPTIONAL_PATH, 0, 0),
  JSON_EXPORT_INTERVAL_MS("exporters.json.intervalMs", Kind.INTERVAL, 0, 0),
  EXPORTER_PLUGINS("exporters.plugins", Kind.PATH_LIST, 0, 0),
  EXPORTER_INTERVAL_MS("exporters.intervalMs", Kind.INTERVAL, 0, 0),
  RETENTION_DAYS("retention.days", Kind.INTEGER, 0, 36500);

  /** Intervals shorter than this would turn a background thread into a busy loop. */
  static final long MIN_INTERVAL_MS = 10;

  /** One day; longer would overflow nothing but is surely a mistake for these periodic tasks. */
  static final long MAX_INTERVAL_MS = 86_400_000;

  enum Kind {
    BOOLEAN,
    INTEGER,
    INTERVAL,
    PATH,
    OPTIONAL_PATH,
    /** A YAML list of paths, or one string of paths joined by the platform's path separator. */
    PATH_LIST,
    HOST
  }

  private final String path;
  private final Kind kind;
  private final long min;
  private final long max;

  Setting(String path, Kind kind, long min, long max) {
    this.path = path;
    this.kind = kind;
    this.min = kind == Kind.INTERVAL ? MIN_INTERVAL_MS : min;
    this.max = kind == Kind.INTERVAL ? MAX_INTERVAL_MS : max;
  }

  /** The dotted path, e.g. {@code collector.flushIntervalMs}. */
  String path() {
    return path;
  }

  /** The setting whose path equals {@code path} ignoring case, or null. */
  static Setting forPath(String path) {
    for (Setting setting : values()) {
      if (setting.path.equalsIgnoreCase(path)) {
        return setting;
      }
    }
    return null;
  }

  /** The setting whose environment name ({@code RPA_INSIGHTS_} + this) matches, or null. */
  static Setting forEnvironmentSuffix(String suffix) {
    for (Setting setting : values()) {
      if (setting.environmentSuffix().equalsIgnoreCase(suffix)) {
        return setting;
      }
    }
    return null;
  }

  /** {@code collector.flushIntervalMs} → {@code COLLECTOR_FLUSHINTERVALMS}. */
  String environmentSuffix() {
    return path.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** What a valid value looks like, for "expected X, got Y" messages. */
  String expected() {
    switch (kind) {
      case BOOLEAN:
        return "true or false";
      case INTERVAL:
        return "a whole number of milliseconds from " + min + " to " + max;
      case PATH:
        return "a file path";
      case OPTIONAL_PATH:
        return "a directory path, or null for none";
      case PATH_LIST:
        return "a list of jar files or directories (in one value: joined by '"
            + File.pathSeparator
            + "')";
      case HOST:
        return "a host name or IP address";
      default:
        if (min == 1 && max == Integer.MAX_VALUE) {
          return "a positive integer";
        }
        return "an integer from " + min + " to " + max;
    }
  }

  /**
   * Checks an override's text.
   *
   * @return the value (Boolean, Long, String, a List of String for a path list, or null for an
   *     optional path set to none)
   * @throws IllegalArgumentException with "expected X, got 'text'"
   */
  Object parseText(String text) {
    String trimmed = text.trim();
    switch (kind) {
      case BOOLEAN:
        if (trimmed.equalsIgnoreCase("true")) {
          return Boolean.TRUE;
        }
        if (trimmed.equalsIgnoreCase("false")) {
          return Boolean.FALSE;
        }
        throw invalid("'" + text + "'");
      case INTEGER:
      case INTERVAL:
        return checkRange(parseLong(trimmed, text), "'" + text + "'");
      case OPTIONAL_PATH:
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("null")) {
          return null;
        }
        return checkPath(trimmed, text);
      case PATH:
        return checkPath(trimmed, text);
      case PATH_LIST:
        return splitPaths(trimmed, text);
      default:
        return checkHost(trimmed, text);
    }
  }

  /** Checks a value from the file; same contract as {@link #parseText}. */
  Object parseNode(ConfigNode node) {
    if (kind == Kind.PATH_LIST && node instanceof ListNode) {
      List<String> paths = new ArrayList<>();
      for (ConfigNode item : ((ListNode) node).items()) {
        if (!(item instanceof ScalarNode) || ((ScalarNode) item).kind() == ScalarNode.Kind.NULL) {
          throw invalid(item.describe() + " in the list");
        }
        String text = ((ScalarNode) item).text();
        paths.add(checkPath(text.trim(), text));
      }
      return Collections.unmodifiableList(paths);
    }
    if (!(node instanceof ScalarNode)) {
      throw invalid(node.describe());
    }
    ScalarNode scalar = (ScalarNode) node;
    switch (scalar.kind()) {
      case NULL:
        if (kind == Kind.OPTIONAL_PATH) {
          return null;
        }
        if (kind == Kind.PATH_LIST) {
          return Collections.emptyList();
        }
        throw invalid("null");
      case BOOLEAN:
        if (kind == Kind.BOOLEAN) {
          return scalar.value();
        }
        throw invalid(scalar.describe());
      case INTEGER:
        if (kind == Kind.INTEGER || kind == Kind.INTERVAL) {
          Object value = scalar.value();
          if (!(value instanceof Long)) {
            throw invalid(scalar.describe());
          }
          return checkRange((Long) value, scalar.describe());
        }
        if (kind == Kind.BOOLEAN) {
          throw invalid(scalar.describe());
        }
        // A path or host written as a number (a directory called 2024): its text is meant.
        return parseText(scalar.text());
      case DECIMAL:
        if (kind == Kind.HOST
            || kind == Kind.PATH
            || kind == Kind.OPTIONAL_PATH
            || kind == Kind.PATH_LIST) {
          return parseText(scalar.text());
        }
        throw invalid(scalar.describe());
      default:
        return parseText(scalar.text());
    }
  }

  /** Sets this setting's property on {@code builder}; {@code value} came from a parse method. */
  void apply(AgentConfig.Builder builder, Object value, Path workingDir) {
    switch (this) {
      case ENABLED:
        builder.enabled((Boolean) value);
        break;
      case DEBUG:
        builder.debug((Boolean) value);
        break;
      case STORE_PATH:
        builder.storePath(workingDir.resolve((String) value).normalize());
        break;
      case BATCH_SIZE:
        builder.batchSize(((Long) value).intValue());
        break;
      case FLUSH_INTERVAL_MS:
        builder.flushIntervalMs((Long) value);
        break;
      case QUEUE_CAPACITY:
        builder.queueCapacity(((Long) value).intValue());
        break;
      case RESOURCES_ENABLED:
        builder.resourcesEnabled((Boolean) value);
        break;
      case RESOURCES_INTERVAL_MS:
        builder.resourcesIntervalMs((Long) value);
        break;
      case PROMETHEUS_ENABLED:
        builder.prometheusEnabled((Boolean) value);
        break;
      case PROMETHEUS_HOST:
        builder.prometheusHost((String) value);
        break;
      case PROMETHEUS_PORT:
        builder.prometheusPort(((Long) value).intValue());
        break;
      case PROMETHEUS_NODE_LABELS:
        builder.prometheusNodeLabels((Boolean) value);
        break;
      case PROMETHEUS_MAX_LABEL_VALUES:
        builder.prometheusMaxLabelValues(((Long) value).intValue());
        break;
      case JSON_EXPORT_DIR:
        builder.jsonExportDir(
            value == null ? null : workingDir.resolve((String) value).normalize());
        break;
      case JSON_EXPORT_INTERVAL_MS:
        builder.jsonExportIntervalMs((Long) value);
        break;
      case EXPORTER_PLUGINS:
        List<Path> plugins = new ArrayList<>();
        for (Object path : (List<?>) value) {
          plugins.add(workingDir.resolve((String) path).normalize());
        }
        builder.exporterPlugins(plugins);
        break;
      case EXPORTER_INTERVAL_MS:
        builder.exporterIntervalMs((Long) value);
        break;
      case RETENTION_DAYS:
        builder.retentionDays(((Long) value).intValue());
        break;
      default:
        throw new IllegalStateException("unhandled setting " + this);
    }
  }

  private long parseLong(String trimmed, String original) {
    try {
      return Long.parseLong(trimmed);
    } catch (NumberFormatException notInteger) {
      throw invalid("'" + original + "'");
    }
  }

  private Long checkRange(long value, String shown) {
    if (value < min || value > max) {
      throw invalid(shown);
    }
    return value;
  }

  private String checkPath(String trimmed, String original) {
    if (trimmed.isEmpty()) {
      throw invalid("'" + original + "'");
    }
    try {
      Paths.get(trimmed);
    } catch (InvalidPathException notAPath) {
      throw invalid("'" + original + "'");
    }
    return trimmed;
  }

  /** An override's paths: split at the path separator; empty parts are skipped, "null" is none. */
  private List<String> splitPaths(String trimmed, String original) {
    List<String> paths = new ArrayList<>();
    if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("null")) {
      return Collections.unmodifiableList(paths);
    }
    for (String part : trimmed.split(Pattern.quote(File.pathSeparator))) {
      if (!part.trim().isEmpty()) {
        paths.add(checkPath(part.trim(), original));
      }
    }
    return Collections.unmodifiableList(paths);
  }

  private String checkHost(String trimmed, String original) {
    if (trimmed.isEmpty()) {
      throw invalid("'" + original + "'");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (Character.isWhitespace(c) || c == '/' || c == ',' || Character.isISOControl(c)) {
        throw invalid("'" + original + "'");
      }
    }
    return trimmed;
  }

  private IllegalArgumentException invalid(String shown) {
    return new IllegalArgumentException("expected " + expected() + ", got " + shown);
  }
}
