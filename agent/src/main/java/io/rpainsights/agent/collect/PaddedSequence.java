package io.rpainsights.agent.collect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@code long} index alone on its cache lines. The queue's producer index is hammered by CAS from
 * every application thread while its consumer index is written by the flusher; sharing a line (or
 * an adjacent-line prefetch pair) would make every enqueue pay for every dequeue. 16 longs of
 * padding on each side cover 128 bytes, the unit Intel's spatial prefetcher pulls in.
 *
 * <p>The padding lives in superclasses because HotSpot lays out a superclass's fields before a
 * subclass's and never reorders across that boundary (the technique JCTools uses, since
 * {@code @Contended} is not available to code outside the JDK without a JVM flag).
 */
final class PaddedSequence extends PaddedSequenceFields.RightPad {

  private static final VarHandle VALUE;

  static {
    try {
      VALUE =
          MethodHandles.lookup()
              .findVarHandle(PaddedSequenceFields.Value.class, "value", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Volatile read. */
  long get() {
    return value;
  }

  /** Release store: cheaper than volatile (no StoreLoad fence); orders every earlier write. */
  void setRelease(long newValue) {
    VALUE.setRelease(this, newValue);
  }

  boolean compareAndSet(long expected, long newValue) {
    return VALUE.compareAndSet(this, expected, newValue);
  }
}
