package io.rpainsights.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small tree of the config file that remembers the line of every key and value, which Jackson's
 * databind tree forgets. Built by {@link ConfigTreeReader}; immutable once built.
 */
abstract class ConfigNode {

  private final int line;

  ConfigNode(int line) {
    this.line = line;
  }

  /** 1-based line where the value starts. */
  final int line() {
    return line;
  }

  /** For "expected X, got Y" messages. */
  abstract String describe();

  /** A map, keys in file order. Duplicate keys were resolved (and reported) by the reader. */
  static final class MapNode extends ConfigNode {
    private final List<Entry> entries;

    MapNode(int line, List<Entry> entries) {
      super(line);
      this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    }

    List<Entry> entries() {
      return entries;
    }

    @Override
    String describe() {
      return "a map";
    }
  }

  /** One key of a map, with the line the key is on. */
  static final class Entry {
    private final String key;
    private final int keyLine;
    private final ConfigNode value;

    Entry(String key, int keyLine, ConfigNode value) {
      this.key = key;
      this.keyLine = keyLine;
      this.value = value;
    }

    String key() {
      return key;
    }

    int keyLine() {
      return keyLine;
    }

    ConfigNode value() {
      return value;
    }
  }

  static final class ListNode extends ConfigNode {
    private final List<ConfigNode> items;

    ListNode(int line, List<ConfigNode> items) {
      super(line);
      this.items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    List<ConfigNode> items() {
      return items;
    }

    @Override
    String describe() {
      return "a list";
    }
  }

  /** A single value: text, number, boolean or null, with the text as written. */
  static final class ScalarNode extends ConfigNode {
    enum Kind {
      TEXT,
      INTEGER,
      DECIMAL,
      BOOLEAN,
      NULL
    }

    private final Kind kind;
    private final String text;
    private final Object value;

    ScalarNode(int line, Kind kind, String text, Object value) {
      super(line);
      this.kind = kind;
      this.text = text;
      this.value = value;
    }

    Kind kind() {
      return kind;
    }

    /** The value as written (for YAML, e.g. {@code 1_000} or {@code yes}). */
    String text() {
      return text;
    }

    /** String, Long, BigInteger, Double/BigDecimal, Boolean, or null. */
    Object value() {
      return value;
    }

    @Override
    String describe() {
      return kind == Kind.NULL ? "null" : "'" + text + "'";
    }
  }
}
