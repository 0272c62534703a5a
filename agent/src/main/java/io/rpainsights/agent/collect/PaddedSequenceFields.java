package io.rpainsights.agent.collect;

/** The class chain that puts {@link PaddedSequence}'s value between two 128-byte pads. */
final class PaddedSequenceFields {

  private PaddedSequenceFields() {}

  @SuppressWarnings("unused")
  abstract static class LeftPad {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p08, p09, p10, p11, p12, p13, p14, p15;
  }

  abstract static class Value extends LeftPad {
    volatile long value;
  }

  @SuppressWarnings("unused")
  abstract static class RightPad extends Value {
    long q00, q01, q02, q03, q04, q05, q06, q07;
    long q08, q09, q10, q11, q12, q13, q14, q15;
  }
}
