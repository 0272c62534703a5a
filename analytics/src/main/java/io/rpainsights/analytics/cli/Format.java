package io.rpainsights.analytics.cli;

/** Output formats of every query command. */
enum Format {
  table,
  json,
  csv
}
