package io.rpainsights.agent.instrument;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which execution a task handed to an executor belongs to, keyed by the task's identity and held
 * weakly, so the application's task objects are never wrapped (their identity in queues, {@code
 * remove} and {@code shutdownNow} stays theirs) and never kept alive by the agent.
 *
 * <p>Thread-safe: a concurrent map; entries whose task was collected are expunged on insertion.
 */
final class TaskContexts {

  private final ConcurrentHashMap<Key, Carried> contexts = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

  void put(Object task, ExecutionContext execution) {
    expunge();
    contexts.put(new Key(task, collected), new Carried(execution));
  }

  /**
   * The execution this run of the task belongs to, or null. A task's first run belongs to the
   * execution that handed it off even when that has ended meanwhile (work it did not wait for); a
   * repeated run of the same task object after the execution ended (a periodic task, a Runnable run
   * again) does not, and the mapping is dropped.
   */
  ExecutionContext forRun(Object task) {
    if (contexts.isEmpty()) {
      return null;
    }
    Key key = new Key(task, null);
    Carried carried = contexts.get(key);
    if (carried == null) {
      return null;
    }
    if (carried.ran && carried.execution.isFinished()) {
      contexts.remove(key, carried);
      return null;
    }
    carried.ran = true;
    return carried.execution;
  }

  /** Forgets the task's execution: it was handed to an executor again, from outside any. */
  void remove(Object task) {
    if (!contexts.isEmpty()) {
      contexts.remove(new Key(task, null));
    }
  }

  boolean isEmpty() {
    return contexts.isEmpty();
  }

  int size() {
    return contexts.size();
  }

  private void expunge() {
    Reference<?> stale;
    while ((stale = collected.poll()) != null) {
      contexts.remove(stale);
    }
  }

  /** The execution a task carries, and whether the task has run since it was handed off. */
  private static final class Carried {
    final ExecutionContext execution;

    /** Racy by design: a repeat that misses a concurrent first run's write only runs as a first. */
    volatile boolean ran;

    Carried(ExecutionContext execution) {
      this.execution = execution;
    }
  }

  /** Identity of a weakly held task; equal to another key for the same live task. */
  private static final class Key extends WeakReference<Object> {
    private final int hash;

    Key(Object task, ReferenceQueue<Object> queue) {
      super(task, queue);
      this.hash = System.identityHashCode(task);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof Key)) {
        return false;
      }
      Object task = get();
      return task != null && task == ((Key) other).get();
    }
  }
}
