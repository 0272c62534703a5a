package io.rpainsights.bench.workload;

/** A node's stand-in work: a chain of dependent multiply-xorshift rounds the JIT cannot fold. */
public final class Spin {

  private Spin() {}

  public static long work(long seed, int iterations) {
    long x = seed | 1;
    for (int i = 0; i < iterations; i++) {
      x = x * 0x5DEECE66DL + 0xBL;
      x ^= x >>> 17;
    }
    return x;
  }
}
