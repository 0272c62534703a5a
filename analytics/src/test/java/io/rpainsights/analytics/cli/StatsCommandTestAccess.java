package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.testing.CliRun;

/** Shares the bad-input assertion with tests of other packages. */
public final class StatsCommandTestAccess {
  private StatsCommandTestAccess() {}

  public static void assertBadInput(CliRun r, String fragment) {
    StatsCommandTest.assertBadInput(r, fragment);
  }
}
