package io.rpainsights.agent.store;

/**
 * Boxed numbers for the step row's integer parameters, reused where the values repeat (step numbers
 * always; start times within the same milliseconds), bound with {@code setObject}: sqlite-jdbc's
 * {@code setInt} and {@code setLong} allocate a new box for every parameter, and its {@code
 * setObject} takes a given box as it is. With the cached names ({@link Utf8Cache}) this leaves the
 * duration's {@code Double} as the only allocation per stored step. Not thread-safe; the store uses
 * it under its monitor.
 */
final class BoxCache {

  private static final int SMALL_INTEGERS = 1024;
  private static final int RECENT_LONGS = 64; // a power of two: a direct-mapped cache

  private final Integer[] smallIntegers = new Integer[SMALL_INTEGERS];
  private final Long[] recentLongs = new Long[RECENT_LONGS];

  /** {@code value} boxed, the same box each time for 0 to 1023. */
  Integer integer(int value) {
    if (value < 0 || value >= SMALL_INTEGERS) {
      return value;
    }
    Integer boxed = smallIntegers[value];
    if (boxed == null) {
      boxed = value;
      smallIntegers[value] = boxed;
    }
    return boxed;
  }

  /** {@code value} boxed, the same box as for the last equal value that mapped to its entry. */
  Long longValue(long value) {
    int entry = (int) value & (RECENT_LONGS - 1);
    Long boxed = recentLongs[entry];
    if (boxed == null || boxed.longValue() != value) {
      boxed = value;
      recentLongs[entry] = boxed;
    }
    return boxed;
  }
}
