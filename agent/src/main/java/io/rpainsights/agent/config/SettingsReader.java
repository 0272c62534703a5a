package io.rpainsights.agent.config;

import io.rpainsights.agent.config.ConfigNode.Entry;
import io.rpainsights.agent.config.ConfigNode.MapNode;
import io.rpainsights.agent.config.ConfigNode.ScalarNode;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Walks the settings part of the config tree. Sections are the path prefixes of the {@link
 * Setting}s ({@code store}, {@code collector}, {@code exporters.json} ...), so the file's shape is
 * defined in one place. Unknown keys are warnings; a known key with a value of the wrong type is
 * fatal, because guessing what the user meant could silently record the wrong thing.
 */
final class SettingsReader {

  static final String INSTRUMENT = "instrument";

  private final Diagnostics diagnostics;
  private final Map<Setting, Object> values = new EnumMap<>(Setting.class);
  private ConfigNode instrument;
  private String instrumentPath;
  private int instrumentLine;

  SettingsReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Reads the root map; afterwards {@link #values()} and {@link #instrument()} hold the parts. */
  void read(MapNode root) {
    readSection(root, "", "");
  }

  /** The settings the file set (absent ones keep their defaults). */
  Map<Setting, Object> values() {
    return values;
  }

  /** The {@code instrument} value, or null when the file has none. */
  ConfigNode instrument() {
    return instrument;
  }

  /** The {@code instrument} key as spelled in the file. */
  String instrumentPath() {
    return instrumentPath;
  }

  int instrumentLine() {
    return instrumentLine;
  }

  private void readSection(MapNode section, String canonicalPrefix, String displayPrefix) {
    for (Entry entry : section.entries()) {
      String canonical = canonicalPrefix + entry.key();
      String display = displayPrefix + entry.key();
      Setting setting = Setting.forPath(canonical);
      if (setting != null) {
        try {
          values.put(setting, setting.parseNode(entry.value()));
        } catch (IllegalArgumentException invalid) {
          throw diagnostics.fatal(entry.value().line(), display, invalid.getMessage());
        }
      } else if (canonicalPrefix.isEmpty() && entry.key().equalsIgnoreCase(INSTRUMENT)) {
        instrument = entry.value();
        instrumentPath = display;
        instrumentLine = entry.keyLine();
      } else if (isSection(canonical)) {
        ConfigNode value = entry.value();
        if (value instanceof MapNode) {
          readSection((MapNode) value, canonical + ".", display + ".");
        } else if (!(value instanceof ScalarNode
            && ((ScalarNode) value).kind() == ScalarNode.Kind.NULL)) {
          // An empty section ("collector:" with everything commented out) is fine; a value is not.
          throw diagnostics.fatal(
              value.line(), display, "expected a map of settings, got " + value.describe());
        }
      } else {
        diagnostics.warn(entry.keyLine(), display, "unknown key, ignored");
      }
    }
  }

  private static boolean isSection(String canonical) {
    String prefix = canonical.toLowerCase(Locale.ROOT) + ".";
    for (Setting setting : Setting.values()) {
      if (setting.path().toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
