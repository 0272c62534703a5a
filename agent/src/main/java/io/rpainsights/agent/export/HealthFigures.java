package io.rpainsights.agent.export;

/**
 * The agent's own health at snapshot time (FIELD-NOTES 13): what it stored, dropped and could not
 * attribute, how its extractors and store fared, how full its queue is. Counts are since the JVM
 * started. Immutable.
 */
public final class HealthFigures {

  private final long eventsStored;
  private final long eventsDropped;
  private final long unattributed;
  private final long extractorErrors;
  private final long storeWriteErrors;
  private final long queueDepth;
  private final long queueCapacity;
  private final long labelValuesCapped;

  public HealthFigures(
      long eventsStored,
      long eventsDropped,
      long unattributed,
      long extractorErrors,
      long storeWriteErrors,
      long queueDepth,
      long queueCapacity,
      long labelValuesCapped) {
    this.eventsStored = eventsStored;
    this.eventsDropped = eventsDropped;
    this.unattributed = unattributed;
    this.extractorErrors = extractorErrors;
    this.storeWriteErrors = storeWriteErrors;
    this.queueDepth = queueDepth;
    this.queueCapacity = queueCapacity;
    this.labelValuesCapped = labelValuesCapped;
  }

  /** Events written to the SQLite store. */
  public long eventsStored() {
    return eventsStored;
  }

  /** Events refused by the full queue or lost with a batch the sinks gave up on. */
  public long eventsDropped() {
    return eventsDropped;
  }

  /** Steps and recoveries that ran with no execution open on their thread. */
  public long unattributed() {
    return unattributed;
  }

  /** Extractor expressions that failed on a live call. */
  public long extractorErrors() {
    return extractorErrors;
  }

  /** Failed attempts to write a batch to a sink (the store, mostly). */
  public long storeWriteErrors() {
    return storeWriteErrors;
  }

  /** Events waiting in the queue. */
  public long queueDepth() {
    return queueDepth;
  }

  public long queueCapacity() {
    return queueCapacity;
  }

  /** Label values reported as {@code other} because their label reached its cap. */
  public long labelValuesCapped() {
    return labelValuesCapped;
  }
}
