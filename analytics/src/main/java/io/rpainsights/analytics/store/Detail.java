package io.rpainsights.analytics.store;

/**
 * How many columns a row query transfers. Text crosses JDBC slowly (a JNI call and a UTF-8 decode
 * per value), so each level adds only what its callers need.
 *
 * <ul>
 *   <li>{@code TIMING}: workflow, node and action (dictionary-coded in SQL), step number, start,
 *       duration, status;
 *   <li>{@code ERRORS}: also error types and, for executions, the step counters;
 *   <li>{@code IDS}: also execution ids and hosts.
 * </ul>
 */
public enum Detail {
  TIMING,
  ERRORS,
  IDS;

  boolean errors() {
    return this != TIMING;
  }

  boolean ids() {
    return this == IDS;
  }
}
