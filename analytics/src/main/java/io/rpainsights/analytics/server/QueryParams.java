package io.rpainsights.analytics.server;

import io.rpainsights.analytics.store.Durations;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query parameters of one request, decoded strictly and read through typed getters that bound
 * every value. A route first names the parameters it takes ({@link #allowOnly}): any other is a 400
 * naming it, so a typo ({@code sinse=7d}) is never silently ignored. Values only ever reach the
 * engine as parsed values (durations, numbers, ids that the engine binds as SQL parameters).
 */
final class QueryParams {
  /** More parameters than any route takes, with room for mistakes worth reporting by name. */
  static final int MAX_PARAMETERS = 32;

  /** Longer than any workflow id, node id or time a person would type. */
  static final int MAX_VALUE_LENGTH = 512;

  /** The longest window or bucket accepted: a century, so that "now − span" stays representable. */
  static final Duration MAX_SPAN = Duration.ofDays(36_500);

  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
  private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");

  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  static QueryParams empty() {
    return new QueryParams(Map.of());
  }

  /**
   * Parses a raw query string ({@code a=1&b=x%20y}); null or empty gives no parameters.
   *
   * @throws HttpError 400 for malformed escapes, non-UTF-8, empty or repeated parameters
   */
  static QueryParams parse(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new QueryParams(values);
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = StrictDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), true, "query");
      if (!NAME.matcher(name).matches()) {
        throw HttpError.badRequest("malformed parameter name " + StrictDecoder.quote(name));
      }
      String value =
          eq < 0
              ? ""
              : StrictDecoder.decode(pair.substring(eq + 1), true, "parameter '" + name + "'");
      if (value.isBlank()) {
        throw HttpError.badRequest("parameter '" + name + "' is empty");
      }
      if (value.length() > MAX_VALUE_LENGTH) {
        throw HttpError.badRequest(
            "parameter '" + name + "' is longer than " + MAX_VALUE_LENGTH + " characters");
      }
      if (values.put(name, value) != null) {
        throw HttpError.badRequest("parameter '" + name + "' is given more than once");
      }
      if (values.size() > MAX_PARAMETERS) {
        throw HttpError.badRequest("more than " + MAX_PARAMETERS + " parameters");
      }
    }
    return new QueryParams(values);
  }

  /**
   * Checks that every parameter is one the route takes.
   *
   * @throws HttpError 400 naming the first unknown parameter and the ones the route takes
   */
  QueryParams allowOnly(String... names) {
    List<String> allowed = Arrays.asList(names);
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw HttpError.badRequest(
            "unknown parameter "
                + StrictDecoder.quote(name)
                + (allowed.isEmpty()
                    ? ": this route takes none"
                    : " (this route takes: " + String.join(", ", allowed) + ")"));
      }
    }
    return this;
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The raw value, or null when absent. */
  String text(String name) {
    return values.get(name);
  }

  /** A time ({@code 7d} before now, or ISO-8601), or the default when absent (null: none). */
  TimeSpec time(String name, String defaultText) {
    String text = values.getOrDefault(name, defaultText);
    if (text == null) {
      return null;
    }
    TimeSpec spec;
    try {
      spec = TimeSpec.parse(text);
    } catch (InvalidInputException e) {
      throw HttpError.badRequest("parameter '" + name + "': " + e.getMessage());
    }
    if (spec instanceof TimeSpec.Ago ago && ago.duration().compareTo(MAX_SPAN) > 0) {
      throw HttpError.badRequest("parameter '" + name + "': at most " + Durations.format(MAX_SPAN));
    }
    if (spec instanceof TimeSpec.At at
        && (at.instant().isBefore(EARLIEST) || at.instant().isAfter(LATEST))) {
      throw HttpError.badRequest("parameter '" + name + "': the year must lie in 1..9999");
    }
    return spec;
  }

  /** A positive duration ({@code 90s}, {@code 7d}) of at most a century. */
  Duration duration(String name, String defaultText) {
    String text = values.getOrDefault(name, defaultText);
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (InvalidInputException e) {
      throw HttpError.badRequest("parameter '" + name + "': " + e.getMessage());
    }
    if (d.compareTo(MAX_SPAN) > 0) {
      throw HttpError.badRequest("parameter '" + name + "': at most " + Durations.format(MAX_SPAN));
    }
    return d;
  }

  /** A whole number in {@code [min, max]}. */
  int integer(String name, int defaultValue, int min, int max) {
    String text = values.get(name);
    if (text == null) {
      return defaultValue;
    }
    String t = text.trim();
    if (WHOLE.matcher(t).matches()) {
      int v = Integer.parseInt(t);
      if (v >= min && v <= max) {
        return v;
      }
    }
    throw HttpError.badRequest(
        "parameter '"
            + name
            + "': expected a whole number from "
            + min
            + " to "
            + max
            + ", got "
            + StrictDecoder.quote(text));
  }

  /**
   * A plain decimal number ({@code 2.5}; no sign, exponent, NaN or infinity) within {@code (min,
   * max]} when {@code minExclusive}, else {@code [min, max]}.
   */
  double decimal(String name, double defaultValue, double min, boolean minExclusive, double max) {
    String text = values.get(name);
    if (text == null) {
      return defaultValue;
    }
    String t = text.trim();
    if (DECIMAL.matcher(t).matches()) {
      double v = Double.parseDouble(t);
      if ((minExclusive ? v > min : v >= min) && v <= max) {
        return v;
      }
    }
    throw HttpError.badRequest(
        "parameter '"
            + name
            + "': expected a number "
            + (minExclusive ? "greater than " : "from ")
            + plain(min)
            + (minExclusive ? " and at most " : " to ")
            + plain(max)
            + ", got "
            + StrictDecoder.quote(text));
  }

  /** One of {@code allowed} (case-insensitive), lower-cased; the default when absent. */
  String choice(String name, String defaultValue, String... allowed) {
    String text = values.get(name);
    if (text == null) {
      return defaultValue;
    }
    String v = text.trim().toLowerCase(Locale.ROOT);
    if (Arrays.asList(allowed).contains(v)) {
      return v;
    }
    throw HttpError.badRequest(
        "parameter '"
            + name
            + "': expected "
            + String.join(", ", allowed)
            + ", got "
            + StrictDecoder.quote(text));
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
