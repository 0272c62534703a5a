package io.rpainsights.analytics.report;

import java.util.function.Function;

/**
 * One column of a tabular view.
 *
 * @param key the machine name: the CSV header, equal to the JSON field name
 * @param header the human header of text tables and HTML
 * @param kind how to show values to people
 * @param value reads the column's raw value from a row
 */
public record Column<T>(String key, String header, Kind kind, Function<T, ?> value) {

  public static <T> Column<T> of(String key, String header, Kind kind, Function<T, ?> value) {
    return new Column<>(key, header, kind, value);
  }
}
