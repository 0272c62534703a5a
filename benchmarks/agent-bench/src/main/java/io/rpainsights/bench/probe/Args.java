package io.rpainsights.bench.probe;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options of the probes, with one-line errors. */
final class Args {

  private final Map<String, String> values = new HashMap<>();

  private Args() {}

  static Args parse(String[] args, String... known) {
    Args parsed = new Args();
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in pairs: --name value");
    }
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      boolean ok = false;
      for (String k : known) {
        ok |= k.equals(name);
      }
      if (!ok) {
        throw new IllegalArgumentException("unknown option " + name);
      }
      parsed.values.put(name, args[i + 1]);
    }
    return parsed;
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    String value = values.get(name);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'");
    }
  }

  double number(String name, double fallback) {
    String value = values.get(name);
    try {
      return value == null ? fallback : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a number, got '" + value + "'");
    }
  }
}
