package io.rpainsights.agent.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's settings and rules, as loaded by {@link ConfigLoader}. Immutable; {@link #builder()}
 * makes one in code (tests), starting from the defaults below.
 *
 * <p>Settings, their config paths and defaults (DESIGN.md "Config file"):
 *
 * <ul>
 *   <li>{@code enabled} true; {@code debug} false
 *   <li>{@code store.path} {@code rpa-insights.db} (a relative path is resolved against the working
 *       directory)
 *   <li>{@code collector.batchSize} 1000 (≥ 1), {@code collector.flushIntervalMs} 5000, {@code
 *       collector.queueCapacity} 65536 (16 to 2<sup>30</sup>)
 *   <li>{@code resources.enabled} true, {@code resources.intervalMs} 1000
 *   <li>{@code prometheus.enabled} false, {@code prometheus.host} 127.0.0.1, {@code
 *       prometheus.port} 9464 (0 to 65535); two keys beyond DESIGN.md's example: {@code
 *       prometheus.nodeLabels} false (add node ids as a label) and {@code
 *       prometheus.maxLabelValues} 200 (distinct values per label before the rest become {@code
 *       other})
 *   <li>{@code exporters.json.dir} null (off; relative to the working directory), {@code
 *       exporters.json.intervalMs} 60000; two keys beyond DESIGN.md's example: {@code
 *       exporters.plugins} none (jars or directories of jars holding {@code MetricsExporter}
 *       plugins; a list in the file, one value joined by the platform's path separator in an
 *       override; relative to the working directory) and {@code exporters.intervalMs} 60000 (how
 *       often plugins receive a snapshot)
 *   <li>{@code retention.days} 0 (keep everything; up to 36500)
 * </ul>
 *
 * Every interval is in milliseconds, from 10 to 86400000 (one day).
 */
public final class AgentConfig {

  /** What {@link #source()} says when no file was read. */
  public static final String DEFAULTS_SOURCE = "defaults";

  private final boolean enabled;
  private final boolean debug;
  private final Path storePath;
  private final int batchSize;
  private final long flushIntervalMs;
  private final int queueCapacity;
  private final boolean resourcesEnabled;
  private final long resourcesIntervalMs;
  private final boolean prometheusEnabled;
  private final String prometheusHost;
  private final int prometheusPort;
  private final boolean prometheusNodeLabels;
  private final int prometheusMaxLabelValues;
  private final Path jsonExportDir;
  private final long jsonExportIntervalMs;
  private final List<Path> exporterPlugins;
  private final long exporterIntervalMs;
  private final int retentionDays;
  private final List<Rule> rules;
  private final String source;

  private AgentConfig(Builder b) {
    this.enabled = b.enabled;
    this.debug = b.debug;
    this.storePath = b.storePath;
    this.batchSize = b.batchSize;
    this.flushIntervalMs = b.flushIntervalMs;
    this.queueCapacity = b.queueCapacity;
    this.resourcesEnabled = b.resourcesEnabled;
    this.resourcesIntervalMs = b.resourcesIntervalMs;
    this.prometheusEnabled = b.prometheusEnabled;
    this.prometheusHost = b.prometheusHost;
    this.prometheusPort = b.prometheusPort;
    this.prometheusNodeLabels = b.prometheusNodeLabels;
    this.prometheusMaxLabelValues = b.prometheusMaxLabelValues;
    this.jsonExportDir = b.jsonExportDir;
    this.jsonExportIntervalMs = b.jsonExportIntervalMs;
    this.exporterPlugins = Collections.unmodifiableList(new ArrayList<>(b.exporterPlugins));
    this.exporterIntervalMs = b.exporterIntervalMs;
    this.retentionDays = b.retentionDays;
    this.rules = Collections.unmodifiableList(new ArrayList<>(b.rules));
    this.source = b.source;
  }

  /** DESIGN.md's defaults, no rules, {@link #source()} {@code "defaults"}. */
  public static AgentConfig defaults() {
    return builder().build();
  }

  /** A builder holding the defaults; the store path resolves against the current directory. */
  public static Builder builder() {
    return new Builder();
  }

  /** False when the config says {@code enabled: false}: the agent instruments nothing. */
  public boolean enabled() {
    return enabled;
  }

  /** Stack traces in the agent's log lines. */
  public boolean debug() {
    return debug;
  }

  /** The SQLite file (absolute when loaded from a config). */
  public Path storePath() {
    return storePath;
  }

  public int batchSize() {
    return batchSize;
  }

  public long flushIntervalMs() {
    return flushIntervalMs;
  }

  public int queueCapacity() {
    return queueCapacity;
  }

  public boolean resourcesEnabled() {
    return resourcesEnabled;
  }

  public long resourcesIntervalMs() {
    return resourcesIntervalMs;
  }

  public boolean prometheusEnabled() {
    return prometheusEnabled;
  }

  public String prometheusHost() {
    return prometheusHost;
  }

  public int prometheusPort() {
    return prometheusPort;
  }

  /** Whether step metrics carry a node id label ({@code prometheus.nodeLabels}, default false). */
  public boolean prometheusNodeLabels() {
    return prometheusNodeLabels;
  }

  /** Distinct values per label before the rest become {@code other} (default 200). */
  public int prometheusMaxLabelValues() {
    return prometheusMaxLabelValues;
  }

  /** Where periodic JSON snapshots go; null when that exporter is off. */
  public Path jsonExportDir() {
    return jsonExportDir;
  }

  public long jsonExportIntervalMs() {
    return jsonExportIntervalMs;
  }

  /** Jars, or directories of jars, holding exporter plugins; empty when there are none. */
  public List<Path> exporterPlugins() {
    return exporterPlugins;
  }

  /** How often exporter plugins receive a snapshot ({@code exporters.intervalMs}). */
  public long exporterIntervalMs() {
    return exporterIntervalMs;
  }

  /** 0 keeps everything; else rows older than this many days are pruned daily. */
  public int retentionDays() {
    return retentionDays;
  }

  /** Every rule of every role, in file order; {@code rules().get(i).id() == i}. */
  public List<Rule> rules() {
    return rules;
  }

  /** The rules of one role, in file order. */
  public List<Rule> rules(Role role) {
    List<Rule> matching = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.role() == role) {
        matching.add(rule);
      }
    }
    return Collections.unmodifiableList(matching);
  }

  /**
   * The config file's path as given (argument, property, variable or default name), or "defaults".
   */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "AgentConfig{source="
        + source
        + ", enabled="
        + enabled
        + ", store="
        + storePath
        + ", rules="
        + rules.size()
        + "}";
  }

  /** Starts from the defaults; setters do not validate (tests may want odd values). */
  public static final class Builder {
    private boolean enabled = true;
    private boolean debug = false;
    private Path storePath = Paths.get("rpa-insights.db").toAbsolutePath();
    private int batchSize = 1000;
    private long flushIntervalMs = 5000;
    private int queueCapacity = 65536;
    private boolean resourcesEnabled = true;
    private long resourcesIntervalMs = 1000;
    private boolean prometheusEnabled = false;
    private String prometheusHost = "127.0.0.1";
    private int prometheusPort = 9464;
    private boolean prometheusNodeLabels = false;
    private int prometheusMaxLabelValues = 200;
    private Path jsonExportDir = null;
    private long jsonExportIntervalMs = 60000;
    private List<Path> exporterPlugins = new ArrayList<>();
    private long exporterIntervalMs = 60000;
    private int retentionDays = 0;
    private final List<Rule> rules = new ArrayList<>();
    private final Map<Role, Integer> rulesPerRole = new EnumMap<>(Role.class);
    private String source = DEFAULTS_SOURCE;

    private Builder() {}

    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    public Builder debug(boolean value) {
      this.debug = value;
      return this;
    }

    public Builder storePath(Path value) {
      this.storePath = value;
      return this;
    }

    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    public Builder flushIntervalMs(long value) {
      this.flushIntervalMs = value;
      return this;
    }

    public Builder queueCapacity(int value) {
      this.queueCapacity = value;
      return this;
    }

    public Builder resourcesEnabled(boolean value) {
      this.resourcesEnabled = value;
      return this;
    }

    public Builder resourcesIntervalMs(long value) {
      this.resourcesIntervalMs = value;
      return this;
    }

    public Builder prometheusEnabled(boolean value) {
      this.prometheusEnabled = value;
      return this;
    }

    public Builder prometheusHost(String value) {
      this.prometheusHost = value;
      return this;
    }

    public Builder prometheusPort(int value) {
      this.prometheusPort = value;
      return this;
    }

    public Builder prometheusNodeLabels(boolean value) {
      this.prometheusNodeLabels = value;
      return this;
    }

    public Builder prometheusMaxLabelValues(int value) {
      this.prometheusMaxLabelValues = value;
      return this;
    }

    public Builder jsonExportDir(Path value) {
      this.jsonExportDir = value;
      return this;
    }

    public Builder jsonExportIntervalMs(long value) {
      this.jsonExportIntervalMs = value;
      return this;
    }

    public Builder exporterPlugins(List<Path> value) {
      this.exporterPlugins = new ArrayList<>(value);
      return this;
    }

    public Builder exporterIntervalMs(long value) {
      this.exporterIntervalMs = value;
      return this;
    }

    public Builder retentionDays(int value) {
      this.retentionDays = value;
      return this;
    }

    public Builder source(String value) {
      this.source = value;
      return this;
    }

    /**
     * Appends a rule; its id is its position in {@link AgentConfig#rules()}.
     *
     * @throws IllegalArgumentException when the rule is incomplete (a timer without a name)
     */
    public Builder addRule(Rule.Builder rule) {
      int indexInRole = rulesPerRole.getOrDefault(rule.role(), 0);
      rules.add(rule.build(rules.size(), indexInRole));
      rulesPerRole.put(rule.role(), indexInRole + 1);
      return this;
    }

    /** Appends a rule built by the loader, whose id must be the next position. */
    Builder addLoadedRule(Rule rule) {
      if (rule.id() != rules.size()) {
        throw new IllegalStateException("rule id " + rule.id() + " at position " + rules.size());
      }
      rules.add(rule);
      return this;
    }

    public AgentConfig build() {
      return new AgentConfig(this);
    }
  }
}
