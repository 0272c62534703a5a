package io.rpainsights.agent.event;

/**
 * Something the agent recorded, on its way from an application thread to the store. Events are
 * immutable values that hold only extracted data (strings, numbers), never references to
 * application objects, so a queued event cannot keep the host's objects alive.
 */
public abstract class Event {

  /** The kinds of event, for consumers that switch over them. */
  public enum Kind {
    EXECUTION_STARTED,
    EXECUTION_FINISHED,
    STEP,
    RECOVERY,
    TIMER,
    RESOURCE_SAMPLE
  }

  Event() {}

  public abstract Kind kind();
}
