package io.rpainsights.agent.collect;

import io.rpainsights.agent.event.Event;
import java.util.List;

/**
 * Where the {@link Flusher} hands each batch of events: the SQLite store, and later a Prometheus
 * sink and a JSON exporter. Every call comes from the flusher thread only, so a sink needs no
 * locking of its own for the events it receives.
 */
public interface EventSink {

  /**
   * Takes one batch, in the order the queue gave it. The list is reused after the call returns, and
   * so may be its {@link io.rpainsights.agent.event.StepRecord}s (the queue refills its slot
   * records), so a sink copies what it needs and keeps neither the list nor a step record; other
   * events are immutable and may be kept. A throw makes the flusher count a write error and retry
   * the same batch a few times before dropping it.
   */
  void accept(List<Event> batch) throws Exception;

  /** Called once, on shutdown, after the last batch. */
  default void close() throws Exception {}
}
