package io.rpainsights.analytics.cli;

import java.time.Clock;

/** What every command needs from outside: the clock that defines "now" (fixed in tests). */
record CliContext(Clock clock) {}
