package io.rpainsights.agent.collect;

import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.log.AgentLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The single consumer of the {@link EventQueue}: one daemon thread that drains events in batches
 * and hands each batch to every {@link EventSink}, in order.
 *
 * <p>Producers never wake this thread (an unpark is a syscall, and the hot path makes none): it
 * polls, parking {@value #IDLE_PARK_MILLIS} ms while there is nothing to write, and writes as soon
 * as {@code batchSize} events are waiting or {@code flushIntervalMs} has passed since it first saw
 * an unwritten event. When more than a batch is waiting it hands the sinks several batches' worth
 * at once (up to {@value #COALESCE} times {@code batchSize}): a SQLite transaction costs about the
 * same whatever its size, and on the build machine 8,000-row transactions ingested 15–25 % more
 * rows per second than 1,000-row ones, which is what keeps a backlog from turning into drops. A
 * sink that throws is retried with back-off and then given up for that batch (its events counted as
 * dropped); nothing a sink does can stop the thread or make it hold more than one batch. {@link
 * #shutdown} drains the queue completely, within a time limit, and closes the sinks.
 *
 * <p>Threads: {@link #start}, {@link #flushNow} and {@link #shutdown} may be called from any
 * thread; sinks are called on the flusher thread only (or, before {@link #start}, on the caller's
 * thread).
 */
public final class Flusher {

  static final String THREAD_NAME = "rpa-insights-flusher";
  static final long IDLE_PARK_MILLIS = 2;
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(IDLE_PARK_MILLIS);

  /** How many batches' worth one write may carry when a backlog has built up. */
  static final int COALESCE = 8;

  /** Attempts per batch and sink before the batch is given up. */
  static final int MAX_ATTEMPTS = 3;

  /**
   * Pause before the 2nd and 3rd attempt: long enough for a locked file or a full disk to clear.
   */
  private static final long[] BACKOFF_MILLIS = {50, 250};

  /**
   * Full batches written back to back before the loop looks at flush and stop requests again, so a
   * sustained flood cannot starve them.
   */
  private static final int MAX_BATCHES_PER_ROUND = 16;

  private final EventQueue queue;
  private final int batchSize;

  /** The most events handed to the sinks at once: {@code batchSize} times {@link #COALESCE}. */
  private final int maxBatch;

  private final long flushIntervalNanos;
  private final AgentHealth health;
  private final EventSink[] sinks;

  /** Reused for every batch; only the consuming thread touches it. */
  private final ArrayList<Event> batch;

  private final List<Event> batchView;

  /** Guards the lifecycle fields below and is the monitor flushNow waits on. */
  private final Object lock = new Object();

  private Thread thread; // guarded by lock
  private boolean shutdownCalled; // guarded by lock
  private boolean terminated; // guarded by lock: the final drain has finished
  private long flushCompleted; // guarded by lock; written by the consuming thread

  /** Incremented by flushNow callers (under lock); read by the flusher thread each round. */
  private volatile long flushRequested;

  private volatile boolean stopRequested;
  private volatile long shutdownDeadlineNanos;

  public Flusher(
      EventQueue queue,
      int batchSize,
      long flushIntervalMs,
      AgentHealth health,
      List<EventSink> sinks) {
    if (queue == null || health == null || sinks == null) {
      throw new IllegalArgumentException("queue, health and sinks are required");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (flushIntervalMs < 0) {
      throw new IllegalArgumentException(
          "flushIntervalMs must not be negative, got " + flushIntervalMs);
    }
    this.queue = queue;
    this.batchSize = batchSize;
    this.maxBatch = maxBatch(batchSize);
    this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(flushIntervalMs);
    this.health = health;
    this.sinks = sinks.toArray(new EventSink[0]);
    for (EventSink sink : this.sinks) {
      if (sink == null) {
        throw new IllegalArgumentException("sinks must not contain null");
      }
    }
    this.batch = new ArrayList<>(Math.min(maxBatch, 1 << 13));
    this.batchView = Collections.unmodifiableList(batch);
  }

  /**
   * The most events one write hands the sinks: {@code batchSize} times {@link #COALESCE}, at least
   * one batch. The queue the flusher drains must allow that many in flight ({@link
   * EventQueue#EventQueue(int, AgentHealth, int)}), or writes get smaller.
   */
  public static int maxBatch(int batchSize) {
    return (int) Math.min((long) batchSize * COALESCE, Math.max(batchSize, 1 << 16));
  }

  /**
   * Starts the daemon thread {@value #THREAD_NAME}; a second call, or one after shutdown, is a
   * no-op.
   */
  public void start() {
    synchronized (lock) {
      if (thread != null || shutdownCalled) {
        return;
      }
      Thread t = new Thread(this::run, THREAD_NAME);
      t.setDaemon(true);
      // Libraries that consult the context loader (sqlite-jdbc's native loader among them) must
      // find the agent's classes, not those of whichever application thread started the agent.
      t.setContextClassLoader(Flusher.class.getClassLoader());
      thread = t;
      t.start();
    }
  }

  /**
   * Returns once every event offered before this call has been handed to the sinks (tests, and a
   * caller that needs the file current). Returns at once after shutdown, which writes everything
   * anyway. Before {@link #start} the caller drains the queue itself.
   */
  public void flushNow() {
    Thread t;
    long ticket;
    synchronized (lock) {
      if (shutdownCalled) {
        return;
      }
      t = thread;
      if (t == null) {
        drainThrough(Long.MAX_VALUE);
        return;
      }
      if (t == Thread.currentThread()) {
        return; // a sink asking from inside a write: waiting for ourselves would never end
      }
      ticket = flushRequested + 1;
      flushRequested = ticket;
    }
    LockSupport.unpark(t);
    synchronized (lock) {
      while (flushCompleted < ticket && !terminated && t.isAlive()) {
        try {
          lock.wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Stops polling, drains the queue and its overflow completely, writes it in batches and closes
   * the sinks, all within {@code timeoutMs}; what is still queued then is counted as dropped.
   * Idempotent: a second call waits for the first one's work (within its own limit).
   */
  public void shutdown(long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
    Thread t;
    boolean first;
    synchronized (lock) {
      first = !shutdownCalled;
      if (first) {
        shutdownCalled = true;
        shutdownDeadlineNanos = deadline;
        stopRequested = true;
      }
      t = thread;
    }
    if (t == null) {
      if (first) {
        finish();
      }
      return;
    }
    if (t == Thread.currentThread()) {
      return; // a sink asked for shutdown: the loop sees stopRequested and finishes itself
    }
    LockSupport.unpark(t);
    long remaining = deadline - System.nanoTime();
    try {
      while (t.isAlive() && remaining > 0) {
        TimeUnit.NANOSECONDS.timedJoin(t, remaining);
        remaining = deadline - System.nanoTime();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (first && t.isAlive()) {
      AgentLog.warn(
          "shutdown: the store did not finish writing within "
              + timeoutMs
              + " ms; "
              + queue.size()
              + " events were still queued");
    }
  }

  private void run() {
    boolean pending = false;
    long firstSeen = 0;
    long completed = 0;
    while (!stopRequested) {
      try {
        long requested = flushRequested;
        if (requested > completed) {
          drainThrough(Long.MAX_VALUE);
          completed = requested;
          completeFlush(requested);
          pending = false;
          continue;
        }
        int waiting = queue.size();
        if (waiting == 0) {
          pending = false;
          LockSupport.parkNanos(this, IDLE_PARK_NANOS);
          continue;
        }
        long now = System.nanoTime();
        if (!pending) {
          pending = true;
          firstSeen = now;
        }
        boolean due = now - firstSeen >= flushIntervalNanos;
        if (due || waiting >= batchSize) {
          writeWaiting(due);
          // After a size-triggered write a remainder may still wait; keeping the old clock can
          // only make its flush earlier than the interval, never later.
          pending = !due;
        } else {
          LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        }
      } catch (Throwable t) {
        // deliver() already contains sink failures; this is a bug or an Error in between.
        AgentLog.errorOnce("flusher-loop", "the event flusher hit an error and carries on", t);
        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
      }
    }
    finish();
  }

  private void completeFlush(long ticket) {
    synchronized (lock) {
      flushCompleted = ticket;
      lock.notifyAll();
    }
  }

  /**
   * Writes what is waiting. Triggered by size, it writes whole multiples of {@code batchSize} only
   * and leaves the remainder for the next trigger (fewer, fuller transactions under load);
   * triggered by the interval, it writes everything.
   */
  private void writeWaiting(boolean everything) {
    for (int round = 0; round < MAX_BATCHES_PER_ROUND && !stopRequested; round++) {
      int waiting = queue.size();
      int take = everything ? waiting : waiting - waiting % batchSize;
      if (take <= 0) {
        return;
      }
      batch.clear();
      int n = queue.drainTo(batch, Math.min(take, maxBatch));
      if (n > 0) {
        deliver();
      }
      if (n < maxBatch) {
        return;
      }
    }
  }

  /**
   * Drains and writes until the consumer has taken everything that had been offered when this was
   * called (ring and overflow positions), or the deadline passes; events offered since may ride
   * along but are not waited for, so a flood cannot keep a flush going. A ring slot below the
   * target that is still empty belongs to a producer between its claim and its store, a few
   * instructions, so that wait is a yield loop.
   */
  private void drainThrough(long deadlineNanos) {
    long ringTarget = queue.producerPosition();
    long overflowTarget = queue.overflowPosition();
    while (queue.consumerPosition() - ringTarget < 0
        || queue.overflowTakenPosition() - overflowTarget < 0) {
      batch.clear();
      int n = queue.drainTo(batch, maxBatch);
      if (n > 0) {
        deliver();
      } else {
        Thread.yield();
      }
      if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0) {
        return;
      }
    }
  }

  /** The final drain and the sinks' close, on the consuming thread; runs once. */
  private void finish() {
    try {
      queue.closeOverflow();
      long deadline = shutdownDeadlineNanos;
      // Application threads may still be offering while the JVM shuts down: drain up to where the
      // producers are, then look again, until the queue is empty or time is up.
      do {
        drainThrough(deadline);
      } while (queue.size() > 0 && System.nanoTime() - deadline < 0);
      int left = queue.size();
      if (left > 0) {
        health.eventsDropped(left);
      }
    } catch (Throwable t) {
      AgentLog.error("shutdown: could not drain the event queue", t);
    } finally {
      for (EventSink sink : sinks) {
        try {
          sink.close();
        } catch (Throwable t) {
          AgentLog.error("shutdown: could not close " + describe(sink), t);
        }
      }
      synchronized (lock) {
        terminated = true;
        lock.notifyAll();
      }
    }
  }

  /**
   * Hands the current batch to every sink; a batch any sink gave up on counts as dropped once. Then
   * releases it to the queue, whose slot records it may hold (the sinks are done with them).
   */
  private void deliver() {
    try {
      boolean lost = false;
      for (EventSink sink : sinks) {
        if (!deliverTo(sink)) {
          lost = true;
        }
      }
      if (lost) {
        health.eventsDropped(batch.size());
      }
    } finally {
      // Even after an Error: events held in flight forever would leave no room in the queue.
      batch.clear();
      queue.release();
    }
  }

  private boolean deliverTo(EventSink sink) {
    for (int attempt = 1; ; attempt++) {
      try {
        sink.accept(batchView);
        return true;
      } catch (Throwable t) {
        health.writeError();
        String kind = describe(sink) + ":" + t.getClass().getName();
        AgentLog.errorOnce(
            "sink-write:" + kind,
            "could not write " + batch.size() + " events to " + describe(sink) + ", will retry",
            t);
        if (attempt >= MAX_ATTEMPTS || !backOff(attempt)) {
          AgentLog.errorOnce(
              "sink-drop:" + kind,
              "gave up on a batch of "
                  + batch.size()
                  + " events for "
                  + describe(sink)
                  + " after "
                  + attempt
                  + " attempts; its events are counted as dropped",
              null);
          return false;
        }
      }
    }
  }

  /** Sleeps before the next attempt; false when shutdown's deadline leaves no time for one. */
  private boolean backOff(int attempt) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BACKOFF_MILLIS[attempt - 1]);
    while (true) {
      long now = System.nanoTime();
      if (stopRequested) {
        // Shutdown (perhaps requested during the pause): leave half the time left for the rest.
        long remaining = shutdownDeadlineNanos - now;
        if (remaining <= 0) {
          return false;
        }
        until = Math.min(until, now + remaining / 2);
      }
      if (until - now <= 0) {
        return true;
      }
      LockSupport.parkNanos(this, until - now);
    }
  }

  private static String describe(EventSink sink) {
    return sink.getClass().getName();
  }
}
