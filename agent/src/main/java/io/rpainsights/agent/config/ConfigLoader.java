package io.rpainsights.agent.config;

import io.rpainsights.agent.config.ConfigNode.MapNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Finds, reads and checks the agent's config; never throws.
 *
 * <p><b>Finding the file.</b> The first of: the agent argument {@code config=PATH}; the system
 * property {@code rpa.insights.config}; the environment variable {@code RPA_INSIGHTS_CONFIG};
 * {@code rpa-insights.yaml} in the working directory. Relative paths resolve against the working
 * directory. A file named explicitly that does not exist disables the agent, as does finding none.
 * A name ending in {@code .json} is read as JSON, anything else as YAML.
 *
 * <p><b>Agent arguments</b> are comma-separated {@code key=value} pairs: {@code config=PATH} and
 * any setting by its path ({@code store.path=/var/lib/bot/metrics.db}). Values cannot contain
 * commas.
 *
 * <p><b>Settings</b> are those of DESIGN.md's example plus four: {@code prometheus.nodeLabels}
 * (default false: add node ids as a label of step metrics), {@code prometheus.maxLabelValues}
 * (default 200: distinct values per label before the rest become {@code other}), {@code
 * exporters.plugins} (jars or directories of exporter plugins; none by default) and {@code
 * exporters.intervalMs} (default 60000: how often plugins receive a snapshot); see {@link
 * AgentConfig} for every default and range. Relative {@code store.path}, {@code exporters.json.dir}
 * and {@code exporters.plugins} entries resolve against the working directory. In an override,
 * several plugin paths are joined by the platform's path separator ({@code :} on Linux and macOS,
 * {@code ;} on Windows), as on a class path.
 *
 * <p><b>Overrides.</b> Every setting (see {@link AgentConfig}) can be set outside the file, by the
 * system property {@code rpa.insights.<path>} ({@code
 * -Drpa.insights.collector.flushIntervalMs=200}), the environment variable {@code
 * RPA_INSIGHTS_<PATH>} (dots become '_', upper case: {@code
 * RPA_INSIGHTS_COLLECTOR_FLUSHINTERVALMS=200}) or an agent argument ({@code
 * collector.flushIntervalMs=200}). Precedence, lowest first: <b>file &lt; environment &lt; system
 * property &lt; agent argument</b>. Keys and setting names match case-insensitively everywhere. An
 * override naming no setting is a warning; an invalid value is fatal and names its source. {@code
 * RPA_INSIGHTS_TOKEN} belongs to the analytics server and is not read here.
 *
 * <p><b>Errors.</b> Every message about the file names the file (as given), the line and the key
 * path: {@code bot.yaml:7: collector.batchSiz: unknown key, ignored}. Unknown keys are warnings;
 * syntax errors and known keys with invalid values disable the agent; a rule with a problem is
 * dropped with a warning while the other rules load. {@code enabled: false} is not an error: it
 * yields a config whose {@link AgentConfig#enabled()} is false.
 */
public final class ConfigLoader {

  static final String DEFAULT_FILE = "rpa-insights.yaml";
  static final String PROPERTY_PREFIX = "rpa.insights.";
  static final String ENV_PREFIX = "RPA_INSIGHTS_";
  static final String CONFIG_KEY = "config";

  /** Environment variables with our prefix that belong to other components. */
  private static final String[] FOREIGN_ENV_SUFFIXES = {"TOKEN"};

  private ConfigLoader() {}

  /**
   * Loads the config. Never throws.
   *
   * @param agentArgs the agent's argument string (may be null or empty)
   * @param systemProperties usually {@code System.getProperties()}; null for none
   * @param env usually {@code System.getenv()}; null for none
   * @param workingDir the directory relative paths resolve against; null for the current one
   */
  public static Result load(
      String agentArgs, Properties systemProperties, Map<String, String> env, Path workingDir) {
    Diagnostics diagnostics = new Diagnostics();
    try {
      Path base = (workingDir == null ? Paths.get("") : workingDir).toAbsolutePath().normalize();
      Map<String, String> environment = env == null ? Collections.emptyMap() : env;
      Map<String, String> properties = propertyStrings(systemProperties);
      List<String[]> arguments = parseAgentArgs(agentArgs, diagnostics);

      List<SettingOverride> overrides = new ArrayList<>();
      collectEnvironment(environment, overrides, diagnostics);
      collectProperties(properties, overrides, diagnostics);
      collectArguments(arguments, overrides, diagnostics);

      ConfigFile file = locate(arguments, properties, environment, base, diagnostics);
      diagnostics.file(file.given);
      MapNode root = ConfigTreeReader.read(file.read(), file.isJson(), diagnostics);

      SettingsReader settings = new SettingsReader(diagnostics);
      settings.read(root);
      String instrumentPath =
          settings.instrumentPath() == null ? SettingsReader.INSTRUMENT : settings.instrumentPath();
      List<Rule> rules = new RuleReader(diagnostics).read(settings.instrument(), instrumentPath);

      Map<Setting, Object> values = new EnumMap<>(Setting.class);
      values.putAll(settings.values());
      for (SettingOverride override : overrides) {
        try {
          values.put(override.setting, override.setting.parseText(override.value));
        } catch (IllegalArgumentException invalid) {
          throw Diagnostics.fatal(override.source + ": " + invalid.getMessage());
        }
      }

      AgentConfig.Builder builder = AgentConfig.builder().source(file.given);
      Setting.STORE_PATH.apply(builder, DEFAULT_STORE, base);
      for (Map.Entry<Setting, Object> value : values.entrySet()) {
        value.getKey().apply(builder, value.getValue(), base);
      }
      for (Rule rule : rules) {
        builder.addLoadedRule(rule);
      }
      AgentConfig config = builder.build();
      warnAboutRuleSet(config, settings, instrumentPath, diagnostics);
      return new Result(config, diagnostics.warnings(), null);
    } catch (ConfigFailure failure) {
      return new Result(null, diagnostics.warnings(), failure.getMessage());
    } catch (Throwable unexpected) {
      // A bug here must cost the agent, never the application.
      return new Result(
          null,
          diagnostics.warnings(),
          Texts.oneLine(
              "unexpected error while loading the config: "
                  + unexpected.getClass().getName()
                  + (unexpected.getMessage() == null ? "" : ": " + unexpected.getMessage())
                  + Diagnostics.DISABLED));
    }
  }

  private static final String DEFAULT_STORE = "rpa-insights.db";

  private static void warnAboutRuleSet(
      AgentConfig config, SettingsReader settings, String instrumentPath, Diagnostics diagnostics) {
    if (!config.enabled()) {
      return;
    }
    int line = settings.instrumentLine();
    if (config.rules().isEmpty()) {
      diagnostics.warn(line, instrumentPath, "no rules, so no method is instrumented");
      return;
    }
    if (config.rules(Role.EXECUTION).isEmpty()
        && !(config.rules(Role.STEP).isEmpty() && config.rules(Role.RECOVERY).isEmpty())) {
      diagnostics.warn(
          line,
          instrumentPath,
          "steps and recoveries need an executions rule to belong to; without one they are"
              + " only counted as unattributed");
    }
  }

  // ---- agent arguments and overrides --------------------------------------------------------

  /** {@code key=value} pairs in order; pieces without '=' are reported and skipped. */
  static List<String[]> parseAgentArgs(String agentArgs, Diagnostics diagnostics) {
    List<String[]> pairs = new ArrayList<>();
    if (agentArgs == null) {
      return pairs;
    }
    for (String piece : agentArgs.split(",")) {
      String trimmed = piece.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals <= 0) {
        String lower = trimmed.toLowerCase(Locale.ROOT);
        boolean looksLikeFile =
            lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
        diagnostics.warn(
            "agent argument "
                + Texts.quote(trimmed)
                + " is not key=value, ignored"
                + (looksLikeFile ? " (did you mean config=" + trimmed + "?)" : ""));
        continue;
      }
      pairs.add(
          new String[] {trimmed.substring(0, equals).trim(), trimmed.substring(equals + 1).trim()});
    }
    return pairs;
  }

  private static void collectEnvironment(
      Map<String, String> environment, List<SettingOverride> overrides, Diagnostics diagnostics) {
    for (Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet()) {
      String name = entry.getKey();
      if (entry.getValue() == null || !startsWithIgnoreCase(name, ENV_PREFIX)) {
        continue;
      }
      String suffix = name.substring(ENV_PREFIX.length());
      if (suffix.equalsIgnoreCase(CONFIG_KEY) || isForeign(suffix)) {
        continue;
      }
      Setting setting = Setting.forEnvironmentSuffix(suffix);
      String source = "environment variable " + name;
      if (setting == null) {
        diagnostics.warn(source + ": unknown setting, ignored" + hint(suffix));
      } else {
        overrides.add(new SettingOverride(setting, entry.getValue(), source));
      }
    }
  }

  private static void collectProperties(
      Map<String, String> properties, List<SettingOverride> overrides, Diagnostics diagnostics) {
    for (Map.Entry<String, String> entry : properties.entrySet()) {
      String name = entry.getKey();
      if (!startsWithIgnoreCase(name, PROPERTY_PREFIX)) {
        continue;
      }
      String path = name.substring(PROPERTY_PREFIX.length());
      if (path.equalsIgnoreCase(CONFIG_KEY)) {
        continue;
      }
      Setting setting = Setting.forPath(path);
      String source = "system property " + name;
      if (setting == null) {
        diagnostics.warn(source + ": unknown setting, ignored" + hint(path));
      } else {
        overrides.add(new SettingOverride(setting, entry.getValue(), source));
      }
    }
  }

  private static void collectArguments(
      List<String[]> arguments, List<SettingOverride> overrides, Diagnostics diagnostics) {
    for (String[] pair : arguments) {
      if (pair[0].equalsIgnoreCase(CONFIG_KEY)) {
        continue;
      }
      Setting setting = Setting.forPath(pair[0]);
      String source = "agent argument " + pair[0];
      if (setting == null) {
        diagnostics.warn(source + ": unknown setting, ignored" + hint(pair[0]));
      } else {
        overrides.add(new SettingOverride(setting, pair[1], source));
      }
    }
  }

  private static String hint(String path) {
    return startsWithIgnoreCase(path, SettingsReader.INSTRUMENT)
        ? " (rules can only be set in the config file)"
        : "";
  }

  private static boolean isForeign(String suffix) {
    for (String foreign : FOREIGN_ENV_SUFFIXES) {
      if (foreign.equalsIgnoreCase(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** String-valued properties, sorted by name so that warnings come in a stable order. */
  private static Map<String, String> propertyStrings(Properties properties) {
    Map<String, String> strings = new TreeMap<>();
    if (properties != null) {
      for (String name : properties.stringPropertyNames()) {
        String value = properties.getProperty(name);
        if (value != null) {
          strings.put(name, value);
        }
      }
    }
    return strings;
  }

  private static boolean startsWithIgnoreCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  // ---- finding and reading the file ---------------------------------------------------------

  private static ConfigFile locate(
      List<String[]> arguments,
      Map<String, String> properties,
      Map<String, String> environment,
      Path base,
      Diagnostics diagnostics) {
    String argument = null;
    for (String[] pair : arguments) {
      if (pair[0].equalsIgnoreCase(CONFIG_KEY)) {
        argument = pair[1]; // the last one wins, as for every other argument
      }
    }
    String[][] candidates = {
      {argument, "agent argument config"},
      {lookup(properties, PROPERTY_PREFIX + CONFIG_KEY), "system property rpa.insights.config"},
      {lookup(environment, ENV_PREFIX + "CONFIG"), "environment variable RPA_INSIGHTS_CONFIG"},
    };
    for (String[] candidate : candidates) {
      String given = candidate[0];
      if (given == null) {
        continue;
      }
      if (given.trim().isEmpty()) {
        diagnostics.warn(candidate[1] + " is empty, ignored");
        continue;
      }
      return ConfigFile.explicit(given.trim(), candidate[1], base);
    }
    Path fallback = base.resolve(DEFAULT_FILE);
    if (Files.isRegularFile(fallback)) {
      return new ConfigFile(DEFAULT_FILE, fallback);
    }
    throw Diagnostics.fatal(
        "no config file: pass -javaagent:rpa-insights-agent.jar=config=PATH, set -D"
            + PROPERTY_PREFIX
            + CONFIG_KEY
            + "=PATH or "
            + ENV_PREFIX
            + "CONFIG, or put "
            + DEFAULT_FILE
            + " in the working directory ("
            + base
            + ")");
  }

  /** The value under a name matching {@code name} ignoring case; an exact match wins. */
  private static String lookup(Map<String, String> map, String name) {
    String exact = map.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, String> entry : map.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** A config file: its name as given (for messages) and where it is. */
  private static final class ConfigFile {
    final String given;
    final Path path;

    ConfigFile(String given, Path path) {
      this.given = given;
      this.path = path;
    }

    static ConfigFile explicit(String given, String origin, Path base) {
      Path path;
      try {
        path = base.resolve(given).toAbsolutePath().normalize();
      } catch (InvalidPathException invalid) {
        throw Diagnostics.fatal(
            "config file "
                + Texts.quote(given)
                + " ("
                + origin
                + ") is not a valid path: "
                + invalid.getReason());
      }
      if (!Files.exists(path)) {
        throw Diagnostics.fatal("config file " + path + " not found (" + origin + ")");
      }
      if (!Files.isRegularFile(path)) {
        throw Diagnostics.fatal("config file " + path + " (" + origin + ") is not a regular file");
      }
      return new ConfigFile(given, path);
    }

    boolean isJson() {
      return given.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** The file's text: UTF-8, a byte-order mark dropped. */
    String read() {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(path);
      } catch (IOException | RuntimeException unreadable) {
        throw Diagnostics.fatal(
            "cannot read config file "
                + path
                + ": "
                + unreadable.getClass().getSimpleName()
                + (unreadable.getMessage() == null ? "" : " " + unreadable.getMessage()));
      }
      int start =
          bytes.length >= 3
                  && (bytes[0] & 0xff) == 0xEF
                  && (bytes[1] & 0xff) == 0xBB
                  && (bytes[2] & 0xff) == 0xBF
              ? 3
              : 0;
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
            .toString();
      } catch (CharacterCodingException notUtf8) {
        throw Diagnostics.fatal(given + ": not UTF-8 text");
      }
    }
  }

  /** One override of a setting from outside the file. */
  private static final class SettingOverride {
    final Setting setting;
    final String value;
    final String source;

    SettingOverride(Setting setting, String value, String source) {
      this.setting = setting;
      this.value = value;
      this.source = source;
    }
  }

  /** What {@link #load} found: a config, or why the agent stays disabled; and the warnings. */
  public static final class Result {
    private final AgentConfig config;
    private final List<String> warnings;
    private final String fatal;

    private Result(AgentConfig config, List<String> warnings, String fatal) {
      this.config = config;
      this.warnings = warnings;
      this.fatal = fatal;
    }

    /** The config, or null when the agent must stay disabled (then {@link #fatal()} says why). */
    public AgentConfig config() {
      return config;
    }

    /**
     * Problems that did not disable the agent, in the order found, each a ready-to-print line
     * without the {@code [rpa-insights] } prefix.
     */
    public List<String> warnings() {
      return warnings;
    }

    /**
     * Why the agent is disabled (one line, without the prefix); non-null exactly when config is
     * null.
     */
    public String fatal() {
      return fatal;
    }

    @Override
    public String toString() {
      return fatal != null
          ? "Result{fatal=" + fatal + "}"
          : "Result{" + config + ", warnings=" + warnings + "}";
    }
  }
}
