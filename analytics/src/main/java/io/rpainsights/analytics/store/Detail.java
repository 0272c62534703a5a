package io.rpainsights.analytics.store;

/** How many columns a row query selects: only what timing needs, or identities and errors too. */
public enum Detail {
  TIMING,
  FULL
}
