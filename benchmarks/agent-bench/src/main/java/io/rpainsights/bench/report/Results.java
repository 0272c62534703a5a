package io.rpainsights.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines a comparison run collected: each a tag ({@code RESULT}, {@code STORE}, {@code CEILING},
 * ...) followed by {@code key=value} fields. compare-agents.sh prefixes every workload line with
 * {@code variant=} and {@code round=} and the launch time it took.
 */
final class Results {

  /** One line: its tag and fields in order. */
  static final class Line {
    final String tag;
    final Map<String, String> fields;

    Line(String tag, Map<String, String> fields) {
      this.tag = tag;
      this.fields = fields;
    }

    String get(String key) {
      return fields.get(key);
    }

    double number(String key) {
      String value = fields.get(key);
      if (value == null) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
  }

  final List<Line> lines = new ArrayList<>();

  static Results read(Path file) throws IOException {
    Results results = new Results();
    for (String text : Files.readAllLines(file)) {
      Line line = parse(text);
      if (line != null) {
        results.lines.add(line);
      }
    }
    return results;
  }

  /** {@code TAG k=v k=v}; a value runs to the next space. Blank and comment lines give null. */
  static Line parse(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return null;
    }
    String[] parts = trimmed.split("\\s+");
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
      }
    }
    return new Line(parts[0], fields);
  }

  List<Line> tagged(String tag) {
    List<Line> found = new ArrayList<>();
    for (Line line : lines) {
      if (line.tag.equals(tag)) {
        found.add(line);
      }
    }
    return found;
  }

  List<Line> tagged(String tag, String key, String value) {
    List<Line> found = new ArrayList<>();
    for (Line line : tagged(tag)) {
      if (value.equals(line.get(key))) {
        found.add(line);
      }
    }
    return found;
  }

  Line first(String tag, String key, String value) {
    List<Line> found = tagged(tag, key, value);
    return found.isEmpty() ? null : found.get(0);
  }

  Line first(String tag) {
    List<Line> found = tagged(tag);
    return found.isEmpty() ? null : found.get(0);
  }

  /** The median of the finite values; NaN when there are none. */
  static double median(List<Double> values) {
    List<Double> finite = new ArrayList<>();
    for (Double v : values) {
      if (v != null && Double.isFinite(v)) {
        finite.add(v);
      }
    }
    if (finite.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(finite);
    int n = finite.size();
    return n % 2 == 1 ? finite.get(n / 2) : (finite.get(n / 2 - 1) + finite.get(n / 2)) / 2;
  }
}
