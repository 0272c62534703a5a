package io.rpainsights.analytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sorting, merging, cutting and packing runs keep every run with its own start, step and error. */
class RunChunkTest {
  static final long DAY = 20_000 * Rollup.DAY_MS;

  @Test
  void sortingByDurationCarriesEachRunsOtherColumns() {
    SplittableRandom r = new SplittableRandom(1);
    int n = 1000;
    double[] d = new double[n];
    long[] s = new long[n];
    int[] steps = new int[n];
    String[] errors = new String[n];
    for (int i = 0; i < n; i++) {
      d[i] = i % 50 == 0 ? Double.NaN : Math.round(r.nextDouble() * 300) / 3.0;
      s[i] = DAY + i * 1000L;
      steps[i] = 1 + i % 4;
      errors[i] = i % 7 == 0 ? "E" + (i % 3) : null;
    }
    RunChunk c = RunChunk.sortedFrom(d, s, steps, errors);
    double[] expected = d.clone();
    Arrays.sort(expected); // NaN last, as Double.compare orders
    assertThat(c.durations).containsExactly(expected);
    for (int i = 0; i < n; i++) {
      int original = (int) ((c.starts[i] - DAY) / 1000);
      assertThat(Double.compare(c.durations[i], d[original])).isZero();
      assertThat(c.stepNumberAt(i)).isEqualTo(steps[original]);
      assertThat(c.errorAt(i)).isEqualTo(errors[original]);
    }
    // Stable: equal durations keep their arrival order.
    for (int i = 1; i < n; i++) {
      if (Double.compare(c.durations[i], c.durations[i - 1]) == 0) {
        assertThat(c.starts[i]).isGreaterThan(c.starts[i - 1]);
      }
    }
  }

  @Test
  void mergingAnyNumberOfChunksGivesTheSortedUnion() {
    SplittableRandom r = new SplittableRandom(2);
    List<RunChunk> chunks = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (int k = 0; k < 7; k++) {
      int n = r.nextInt(0, 200);
      double[] d = new double[n];
      long[] s = new long[n];
      for (int i = 0; i < n; i++) {
        d[i] = r.nextInt(100);
        s[i] = DAY + k * 100_000L + i;
        all.add(d[i]);
      }
      chunks.add(RunChunk.sortedFrom(d, s, new int[n], null));
    }
    RunChunk merged = RunChunk.merge(chunks);
    double[] expected = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    assertThat(merged.durations).containsExactly(expected);
    assertThat(merged.stepNumbers).isNull();
    long[] starts = merged.starts.clone();
    Arrays.sort(starts);
    assertThat(starts).doesNotHaveDuplicates().hasSize(expected.length);
  }

  @Test
  void cuttingByStartKeepsTheOrderAndOnlyTheRunsInside() {
    double[] d = {5, 1, 4, 2, 3};
    long[] s = {DAY + 50, DAY + 10, DAY + 40, DAY + 20, DAY + 30};
    RunChunk c = RunChunk.sortedFrom(d, s, new int[] {1, 2, 3, 4, 5}, null);
    RunChunk cut = c.startedBetween(DAY + 20, DAY + 50);
    assertThat(cut.durations).containsExactly(2, 3, 4);
    assertThat(cut.starts).containsExactly(DAY + 20, DAY + 30, DAY + 40);
    assertThat(cut.stepNumberSum()).isEqualTo(4 + 5 + 3);
    assertThat(c.startedBetween(DAY, DAY + 100)).isSameAs(c);
  }

  @Test
  void theBlobGivesBackExactlyWhatWasPacked() {
    double[] d = {0.1 + 0.2, 1e-300, 12_345.678_9, Double.NaN, 7};
    long[] s = {DAY, DAY + 1, DAY + Rollup.DAY_MS - 1, DAY + 5, DAY + 9};
    String[] e = {null, "ÉrrorÜ", null, "Timeout", "ÉrrorÜ"};
    RunChunk c = RunChunk.sortedFrom(d, s, new int[] {3, 1, 4, 1, 5}, e);
    RunChunk back = RunCodec.decode(RunCodec.encode(c, DAY), DAY);
    assertThat(back.durations).containsExactly(c.durations);
    assertThat(back.starts).containsExactly(c.starts);
    for (int i = 0; i < c.size(); i++) {
      assertThat(back.stepNumberAt(i)).isEqualTo(c.stepNumberAt(i));
      assertThat(back.errorAt(i)).isEqualTo(c.errorAt(i));
    }
    RunChunk constant =
        RunChunk.sortedFrom(new double[] {2, 1}, new long[] {DAY, DAY}, new int[] {6, 6}, null);
    byte[] packed = RunCodec.encode(constant, DAY);
    assertThat(packed).hasSize(2 + 4 + 4 + 2 * 12);
    RunChunk constantBack = RunCodec.decode(packed, DAY);
    assertThat(constantBack.stepNumbers).isNull();
    assertThat(constantBack.stepNumberSum()).isEqualTo(12);
    assertThat(constantBack.errorTypes).isNull();
  }

  @Test
  void aRunOutsideItsDayOrAForeignBlobIsRefused() {
    RunChunk c = RunChunk.sortedFrom(new double[] {1}, new long[] {DAY - 1}, new int[1], null);
    assertThatThrownBy(() -> RunCodec.encode(c, DAY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RunCodec.decode(new byte[] {9, 0, 0, 0, 0, 0}, DAY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
