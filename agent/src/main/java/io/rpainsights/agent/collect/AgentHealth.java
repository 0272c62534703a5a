package io.rpainsights.agent.collect;

import java.util.concurrent.atomic.LongAdder;

/**
 * The agent's own health counters (FIELD-NOTES 13: report on yourself): events dropped, steps that
 * had no execution to belong to, extractor failures, store write failures and events written.
 *
 * <p>Thread-safe. Every counter is a {@link LongAdder}, so application threads that count a drop or
 * an extractor error never contend on one cache line; reads sum the cells and are exact only when
 * no update is in flight, which is all a health report needs.
 */
public final class AgentHealth {

  private final LongAdder dropped = new LongAdder();
  private final LongAdder unattributed = new LongAdder();
  private final LongAdder extractorErrors = new LongAdder();
  private final LongAdder writeErrors = new LongAdder();
  private final LongAdder written = new LongAdder();

  /** An event was refused (queue full) or lost (a batch the sinks kept failing on). */
  public void eventDropped() {
    dropped.increment();
  }

  /** {@code n} events were lost at once, e.g. a batch given up after its retries. */
  public void eventsDropped(int n) {
    if (n > 0) {
      dropped.add(n);
    }
  }

  /** A step or recovery ran with no execution open on its thread, so it could not be stored. */
  public void unattributed() {
    unattributed.increment();
  }

  /** An extractor expression failed on a live call. */
  public void extractorError() {
    extractorErrors.increment();
  }

  /** A sink threw while writing a batch (each failed attempt counts). */
  public void writeError() {
    writeErrors.increment();
  }

  /** {@code n} events reached the store. */
  public void eventsWritten(int n) {
    if (n > 0) {
      written.add(n);
    }
  }

  public long dropped() {
    return dropped.sum();
  }

  public long unattributedCount() {
    return unattributed.sum();
  }

  public long extractorErrors() {
    return extractorErrors.sum();
  }

  public long writeErrors() {
    return writeErrors.sum();
  }

  public long written() {
    return written.sum();
  }

  @Override
  public String toString() {
    return "written="
        + written()
        + " dropped="
        + dropped()
        + " unattributed="
        + unattributedCount()
        + " extractorErrors="
        + extractorErrors()
        + " writeErrors="
        + writeErrors();
  }
}
