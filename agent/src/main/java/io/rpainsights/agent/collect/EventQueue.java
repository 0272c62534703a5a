package io.rpainsights.agent.collect;

import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded hand-off between application threads and the flusher: a multi-producer,
 * single-consumer array queue that never blocks a producer.
 *
 * <h2>Concurrency contract</h2>
 *
 * <ul>
 *   <li><b>Producers</b>: any number of application threads call {@link #offer}. An offer is one
 *       CAS on the producer index plus one release store into the claimed slot: no lock, no I/O, no
 *       logging, no allocation (except on the lifecycle overflow path below). When the queue is
 *       full the event is dropped and counted ({@link AgentHealth#eventDropped()}); nothing waits.
 *   <li><b>Consumer</b>: exactly one thread (the flusher) calls {@link #drainTo}. It sees each
 *       producer's events in that producer's offer order, except that a lifecycle event which had
 *       to go to the overflow may overtake that producer's earlier events (the store is written to
 *       tolerate that: it upserts executions).
 *   <li><b>Anyone</b> may call {@link #size()} and {@link #capacity()}; size is a moment's
 *       estimate, exact only when nobody is offering or draining.
 * </ul>
 *
 * <h2>Admission</h2>
 *
 * Ordinary events (steps, recoveries, timers, resource samples) are refused once {@code capacity -
 * reserve} slots are taken. Lifecycle events ({@link ExecutionStarted}, {@link ExecutionFinished})
 * may use the reserve, because losing one leaves orphan steps or an execution stuck at {@code
 * running}, while losing a step only loses a step. When even the reserve is full a lifecycle event
 * goes to a lock-free overflow list that the consumer drains first. That list is the one unbounded
 * path; it is bounded in practice because it only ever holds lifecycle events — at most two per
 * execution started while the ring is full — and the flusher empties it on every drain. After
 * {@link #closeOverflow()} (shutdown) it refuses too.
 *
 * <h2>Why not JCTools' MpscArrayQueue</h2>
 *
 * This is the same algorithm (claim a slot by CAS on the producer index, publish the element with a
 * release store, consume by nulling slots and publishing a consumer index; indices padded onto
 * their own cache lines; producers cache the consumer index so the common offer never reads the
 * consumer's line). It is written out here for two reasons. The two admission limits are decided
 * inside the claiming CAS loop, on the very index being claimed, so the reserve holds exactly under
 * any contention; with MpscArrayQueue the ordinary limit could only be a {@code size()} check
 * before {@code offer}, which races (N producers can all pass it) and reads the consumer's cache
 * line on every offer. And the configured capacity is honoured exactly instead of being rounded up
 * to a power of two. The consumer also publishes its index once per drained batch instead of once
 * per element.
 */
public final class EventQueue {

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Event[].class);

  /** A power of two at least {@link #capacity}; slot of index i is {@code i & mask}. */
  private final Event[] buffer;

  private final int mask;
  private final int capacity;

  /** Occupancy at which ordinary events are refused: {@code capacity - reserve}. */
  private final int ordinaryLimit;

  private final AgentHealth health;

  /** Next index to claim. Written by producers (CAS). */
  private final PaddedSequence producerIndex = new PaddedSequence();

  /**
   * A consumer index some producer read recently; never ahead of the real one, so admission
   * decisions made against it are conservative. Written by producers (only when it looks full), so
   * the common offer reads a line the consumer never writes.
   */
  private final PaddedSequence consumerIndexCache = new PaddedSequence();

  /** Next index to consume. Written by the consumer only (release store, once per drain). */
  private final PaddedSequence consumerIndex = new PaddedSequence();

  /** Lifecycle events that found even the reserve full. Producers add, the consumer polls. */
  private final ConcurrentLinkedQueue<Event> overflow = new ConcurrentLinkedQueue<>();

  /** Size of {@link #overflow} (its own size() is O(n)). Touched only on the overflow path. */
  private final AtomicInteger overflowSize = new AtomicInteger();

  private volatile boolean overflowClosed;

  /**
   * A queue holding at most {@code capacity} events in its ring, of which {@code max(64,
   * capacity/16)} (at most half) are kept for lifecycle events.
   *
   * @throws IllegalArgumentException if capacity is below 2 or above 2^30
   */
  public EventQueue(int capacity, AgentHealth health) {
    this(capacity, defaultReserve(capacity), health);
  }

  /** As {@link #EventQueue(int, AgentHealth)} with an explicit reserve (tests, tuning). */
  EventQueue(int capacity, int reserve, AgentHealth health) {
    if (capacity < 2 || capacity > (1 << 30)) {
      throw new IllegalArgumentException(
          "queue capacity must be between 2 and 2^30, got " + capacity);
    }
    if (reserve < 0 || reserve >= capacity) {
      throw new IllegalArgumentException(
          "queue reserve must be between 0 and capacity - 1, got " + reserve);
    }
    if (health == null) {
      throw new IllegalArgumentException("health counters are required");
    }
    int length = Integer.highestOneBit(capacity);
    if (length < capacity) {
      length <<= 1;
    }
    this.buffer = new Event[length];
    this.mask = length - 1;
    this.capacity = capacity;
    this.ordinaryLimit = capacity - reserve;
    this.health = health;
  }

  static int defaultReserve(int capacity) {
    return Math.min(Math.max(64, capacity / 16), capacity / 2);
  }

  /**
   * Enqueues {@code event} if there is room for its kind; never blocks.
   *
   * @return false when the event was dropped (and counted); a null event is ignored
   */
  public boolean offer(Event event) {
    if (event == null) {
      return false;
    }
    // instanceof on final classes is a class-pointer compare; kind() would be a megamorphic call.
    boolean lifecycle = event instanceof ExecutionStarted || event instanceof ExecutionFinished;
    if (claimAndPublish(event, lifecycle ? capacity : ordinaryLimit)) {
      return true;
    }
    if (lifecycle && !overflowClosed) {
      overflowSize.incrementAndGet();
      overflow.offer(event);
      return true;
    }
    health.eventDropped();
    return false;
  }

  private boolean claimAndPublish(Event event, int limit) {
    long seenConsumer = consumerIndexCache.get();
    long index;
    do {
      index = producerIndex.get();
      if (index - seenConsumer >= limit) {
        seenConsumer = consumerIndex.get();
        if (index - seenConsumer >= limit) {
          return false;
        }
        consumerIndexCache.setRelease(seenConsumer);
      }
    } while (!producerIndex.compareAndSet(index, index + 1));
    // index - consumer < limit <= buffer.length: the slot's previous occupant (index - length) has
    // been consumed and nulled, and the acquire read of the consumer index made that visible.
    SLOT.setRelease(buffer, (int) index & mask, event);
    return true;
  }

  /**
   * Moves up to {@code max} events into {@code target}, overflow first, then the ring in order.
   * Single consumer only. Stops early at a slot that a producer has claimed but not yet filled;
   * that event comes with the next drain.
   *
   * @return how many events were added
   */
  public int drainTo(List<Event> target, int max) {
    int drained = 0;
    while (drained < max) {
      Event event = overflow.peek();
      if (event == null) {
        break;
      }
      target.add(event);
      overflow.poll();
      overflowSize.decrementAndGet();
      drained++;
    }
    long start = consumerIndex.get();
    long next = start;
    try {
      while (drained < max) {
        int slot = (int) next & mask;
        Event event = (Event) SLOT.getAcquire(buffer, slot);
        if (event == null) {
          break;
        }
        target.add(event);
        // Plain store: the release store of the consumer index below publishes it before any
        // producer can see the slot as free.
        buffer[slot] = null;
        next++;
        drained++;
      }
    } finally {
      if (next != start) {
        consumerIndex.setRelease(next);
      }
    }
    return drained;
  }

  /** Events waiting (ring plus overflow); an estimate while others offer or drain. */
  public int size() {
    long after = consumerIndex.get();
    long ring;
    while (true) {
      long before = after;
      long produced = producerIndex.get();
      after = consumerIndex.get();
      if (before == after) {
        ring = produced - after;
        break;
      }
    }
    int inRing = (int) Math.max(0, Math.min(ring, capacity));
    return inRing + Math.max(0, overflowSize.get());
  }

  /** The most events the ring holds (lifecycle events beyond it go to the overflow). */
  public int capacity() {
    return capacity;
  }

  /** Slots kept for lifecycle events. */
  int reserve() {
    return capacity - ordinaryLimit;
  }

  /**
   * How many slots producers have claimed so far. Everything offered before this call returned has
   * an index below the returned value (or sits in the overflow).
   */
  long producerPosition() {
    return producerIndex.get();
  }

  /** How many ring events the consumer has taken so far. */
  long consumerPosition() {
    return consumerIndex.get();
  }

  /** Shutdown: from now on a lifecycle event that finds the ring full is dropped and counted. */
  void closeOverflow() {
    overflowClosed = true;
  }
}
