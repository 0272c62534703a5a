package io.rpainsights.agent.instrument;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compact execution ids, unique across agent runs that share a store: a random prefix drawn once
 * per JVM (40 bits, base 36) and a counter, e.g. {@code k2j3f9x-1z}. About 10 characters instead of
 * a UUID's 36, which matters because every step row and index repeats the id.
 */
final class ExecutionIds {

  private final String prefix;
  private final AtomicLong counter = new AtomicLong();

  ExecutionIds() {
    long random = ThreadLocalRandom.current().nextLong() & ((1L << 40) - 1);
    this.prefix = Long.toString(random, 36) + "-";
  }

  String next() {
    return prefix + Long.toString(counter.incrementAndGet(), 36);
  }
}
