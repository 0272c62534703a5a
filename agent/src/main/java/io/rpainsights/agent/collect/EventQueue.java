package io.rpainsights.agent.collect;

import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.StepRecord;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off between application threads and the flusher: a multi-producer,
 * single-consumer array queue that never blocks a producer.
 *
 * <h2>Concurrency contract</h2>
 *
 * <ul>
 *   <li><b>Producers</b>: any number of application threads call {@link #offer} or {@link
 *       #offerStep}. An offer is one CAS on the producer index plus one release store into the
 *       claimed slot: no lock, no I/O, no logging, no allocation (except on the lifecycle overflow
 *       path below, and the first use of a slot's step record). When the queue is full the event is
 *       dropped and counted ({@link AgentHealth#eventDropped()}); nothing waits.
 *   <li><b>Consumer</b>: exactly one thread (the flusher) calls {@link #drainTo} and, once it is
 *       done with what it drained, {@link #release}. It sees each producer's events in that
 *       producer's offer order, except that a lifecycle event which had to go to the overflow may
 *       overtake that producer's earlier events (the store is written to tolerate that: it upserts
 *       executions).
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
 * <h2>Slot records: steps without an allocation</h2>
 *
 * Each ring slot owns one {@link StepRecord}, created the first time the slot carries a step.
 * {@link #offerStep} fills the record of the slot it claims and publishes that record, so the
 * application thread allocates nothing per step (the allocation, and the first touch of fresh heap
 * pages it causes, was a sixth of the step's cost, and most of the heap that load adds). The record
 * is refilled when its slot comes round again, so the consumer must be done with it first: drained
 * ring events stay "in flight" until {@link #release}, {@link #drainTo} never lets more than {@code
 * maxInFlight} of them be in flight, and the ring is {@code capacity + maxInFlight} slots long. A
 * producer only claims an index less than {@code capacity} past the consumer's published (drained)
 * index, so the slot's previous occupant is more than {@code maxInFlight} behind that index: it was
 * released before the consumer drained up to it, and the acquire read of the consumer index that
 * admitted the producer makes the consumer's last reads of the record happen before the producer's
 * writes. Producers therefore never read the release position.
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

  /**
   * A power of two at least {@code capacity + maxInFlight}; slot of index i is {@code i & mask}.
   */
  private final Event[] buffer;

  /**
   * The step record each slot owns (null until the slot first carries a step). Only the producer
   * that claimed a slot touches its entry; see "Slot records" above for why that is safe.
   */
  private final StepRecord[] stepRecords;

  /** The most drained ring events not yet released. */
  private final int maxInFlight;

  /** Ring index up to which the consumer has released what it drained. Consumer only. */
  private long released;

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

  /**
   * Events ever put in the overflow; counted before the add, so it may run ahead of the list for a
   * moment. With {@link #overflowTaken} it gives the overflow's size (its own size() is O(n)) and a
   * position for {@link #overflowPosition()}. Touched only on the overflow path.
   */
  private final AtomicLong overflowAdded = new AtomicLong();

  /** Events ever taken from the overflow. Written by the consumer only. */
  private volatile long overflowTaken;

  private volatile boolean overflowClosed;

  /**
   * A queue holding at most {@code capacity} events in its ring, of which {@code max(64,
   * capacity/16)} (at most half) are kept for lifecycle events, with up to {@code capacity} drained
   * events in flight.
   *
   * @throws IllegalArgumentException if capacity is below 2 or above 2^29
   */
  public EventQueue(int capacity, AgentHealth health) {
    this(capacity, defaultReserve(capacity), capacity, health);
  }

  /**
   * As {@link #EventQueue(int, AgentHealth)} with at most {@code maxInFlight} drained events
   * unreleased: the flusher's largest batch (more than the capacity is never needed, and is capped
   * to it).
   */
  public EventQueue(int capacity, AgentHealth health, int maxInFlight) {
    this(capacity, defaultReserve(capacity), maxInFlight, health);
  }

  /** As {@link #EventQueue(int, AgentHealth)} with an explicit reserve (tests, tuning). */
  EventQueue(int capacity, int reserve, AgentHealth health) {
    this(capacity, reserve, capacity, health);
  }

  EventQueue(int capacity, int reserve, int maxInFlight, AgentHealth health) {
    // Capacity at most 2^29 and events in flight at most capacity, so that the ring (a power of two
    // at least their sum) fits an array.
    if (capacity < 2 || capacity > (1 << 29)) {
      throw new IllegalArgumentException(
          "queue capacity must be between 2 and 2^29, got " + capacity);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("events in flight must be at least 1, got " + maxInFlight);
    }
    // No drain can take more than capacity ring events at once, so a larger allowance (a huge
    // collector.batchSize) would only grow the ring, and the application's heap, for nothing.
    maxInFlight = Math.min(maxInFlight, capacity);
    if (reserve < 0 || reserve >= capacity) {
      throw new IllegalArgumentException(
          "queue reserve must be between 0 and capacity - 1, got " + reserve);
    }
    if (health == null) {
      throw new IllegalArgumentException("health counters are required");
    }
    int slots = capacity + maxInFlight;
    int length = Integer.highestOneBit(slots);
    if (length < slots) {
      length <<= 1;
    }
    this.buffer = new Event[length];
    this.stepRecords = new StepRecord[length];
    this.maxInFlight = maxInFlight;
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
      overflowAdded.incrementAndGet();
      overflow.offer(event);
      return true;
    }
    health.eventDropped();
    return false;
  }

  /**
   * Enqueues one step as the record of the slot it claims (see "Slot records" above): the same as
   * {@code offer(new StepRecord(...))} without the allocation. Never blocks.
   *
   * @return false when the step was dropped (and counted)
   */
  public boolean offerStep(
      String executionId,
      String workflowId,
      String nodeId,
      String actionType,
      int stepNumber,
      long startedAt,
      double durationMs,
      String status,
      String errorType,
      String errorMessage,
      boolean afterExecutionFinished) {
    long index = claim(ordinaryLimit);
    if (index < 0) {
      health.eventDropped();
      return false;
    }
    int slot = (int) index & mask;
    StepRecord record = stepRecords[slot];
    if (record == null) {
      record = new StepRecord();
      stepRecords[slot] = record;
    }
    record.set(
        executionId,
        workflowId,
        nodeId,
        actionType,
        stepNumber,
        startedAt,
        durationMs,
        status,
        errorType,
        errorMessage,
        afterExecutionFinished);
    SLOT.setRelease(buffer, slot, record); // publishes the fields written above with it
    return true;
  }

  private boolean claimAndPublish(Event event, int limit) {
    long index = claim(limit);
    if (index < 0) {
      return false;
    }
    SLOT.setRelease(buffer, (int) index & mask, event);
    return true;
  }

  /**
   * Claims the next index if fewer than {@code limit} events are waiting; -1 when not.
   *
   * <p>index - consumer < limit <= capacity: the slot's previous occupant (index - length) was
   * drained, nulled and released before the consumer index passed it, and the acquire read of that
   * index made all of it visible.
   */
  private long claim(int limit) {
    long seenConsumer = consumerIndexCache.get();
    long index;
    do {
      index = producerIndex.get();
      if (index - seenConsumer >= limit) {
        seenConsumer = consumerIndex.get();
        if (index - seenConsumer >= limit) {
          return -1;
        }
        consumerIndexCache.setRelease(seenConsumer);
      }
    } while (!producerIndex.compareAndSet(index, index + 1));
    return index;
  }

  /**
   * Moves up to {@code max} events into {@code target}, overflow first, then the ring in order.
   * Single consumer only. Stops early at a slot that a producer has claimed but not yet filled;
   * that event comes with the next drain. The ring events drained stay in flight until {@link
   * #release}: at most {@code maxInFlight} of them, so a drain may return fewer than are waiting.
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
      overflowTaken = overflowTaken + 1; // single writer: a plain increment is safe
      drained++;
    }
    long start = consumerIndex.get();
    long next = start;
    long ringLimit = released + maxInFlight; // the first index that may not be drained yet
    try {
      while (drained < max && next < ringLimit) {
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

  /**
   * Tells the queue the consumer is done with every event it has drained so far: their slots (and
   * slot records) may be reused. Consumer only; call it after the sinks have taken a batch, and
   * before draining again once {@code maxInFlight} events are in flight.
   */
  public void release() {
    long upTo = consumerIndex.get();
    // A slot record keeps its references until its slot comes round again, which on a quiet
    // application may take long: let go of the error texts (up to 2,000 characters each) now, so
    // the ring never holds more than names and ids. No producer can touch these records until
    // `released` has moved past them (see "Slot records" above).
    for (long index = released; index < upTo; index++) {
      StepRecord record = stepRecords[(int) index & mask];
      if (record != null && (record.errorMessage != null || record.errorType != null)) {
        record.errorMessage = null;
        record.errorType = null;
      }
    }
    released = upTo;
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
    long inOverflow = Math.max(0, overflowAdded.get() - overflowTaken);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, Math.min(ring, capacity)) + inOverflow);
  }

  /** The most events the ring holds (lifecycle events beyond it go to the overflow). */
  public int capacity() {
    return capacity;
  }

  /** Slots of the ring: a power of two at least capacity plus events in flight (tests). */
  int ringLength() {
    return buffer.length;
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

  /**
   * How many events have gone to the overflow so far. The overflow is FIFO and drained before the
   * ring, so once {@link #overflowTakenPosition()} reaches this value every one of them was taken.
   */
  long overflowPosition() {
    return overflowAdded.get();
  }

  /** How many overflow events the consumer has taken so far. */
  long overflowTakenPosition() {
    return overflowTaken;
  }

  /** Shutdown: from now on a lifecycle event that finds the ring full is dropped and counted. */
  void closeOverflow() {
    overflowClosed = true;
  }
}
