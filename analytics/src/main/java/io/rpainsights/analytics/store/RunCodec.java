package io.rpainsights.analytics.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The BLOB of one rollup chunk: a day of one group's runs, durations ascending. Layout
 * (little-endian): version byte, flags byte (1 = one step number for all runs, 2 = error types
 * follow), run count, [the step number], durations as IEEE doubles (exact: no rounding), starts as
 * milliseconds since the day began, [per-run step numbers], [error types: a table of distinct UTF-8
 * strings, then a table index per run, -1 for none]. About 12 bytes a run.
 */
final class RunCodec {
  static final int VERSION = 1;
  private static final int CONSTANT_STEPS = 1;
  private static final int ERRORS = 2;

  private RunCodec() {}

  static byte[] encode(RunChunk c, long dayStartMs) {
    int n = c.size();
    String[] table = null;
    short[] codes = null;
    int tableBytes = 0;
    if (c.errorTypes != null) {
      Map<String, Short> index = new HashMap<>();
      codes = new short[n];
      for (int i = 0; i < n; i++) {
        String e = c.errorTypes[i];
        codes[i] = e == null ? -1 : index.computeIfAbsent(e, k -> (short) index.size());
        if (index.size() > Short.MAX_VALUE) {
          throw new IllegalStateException("too many distinct error types in one chunk");
        }
      }
      table = new String[index.size()];
      for (Map.Entry<String, Short> e : index.entrySet()) {
        table[e.getValue()] = e.getKey();
      }
      for (String s : table) {
        tableBytes += 4 + s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    int flags = (c.stepNumbers == null ? CONSTANT_STEPS : 0) | (table != null ? ERRORS : 0);
    int size =
        2
            + 4
            + (c.stepNumbers == null ? 4 : 4 * n)
            + 12 * n
            + (table != null ? 4 + tableBytes + 2 * n : 0);
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) VERSION).put((byte) flags).putInt(n);
    if (c.stepNumbers == null) {
      b.putInt(c.stepNumber);
    }
    for (double d : c.durations) {
      b.putDouble(d);
    }
    for (long s : c.starts) {
      long offset = s - dayStartMs;
      if (offset < 0 || offset >= Rollup.DAY_MS) {
        throw new IllegalArgumentException("run at " + s + " is not in the day " + dayStartMs);
      }
      b.putInt((int) offset);
    }
    if (c.stepNumbers != null) {
      for (int s : c.stepNumbers) {
        b.putInt(s);
      }
    }
    if (table != null) {
      b.putInt(table.length);
      for (String s : table) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        b.putInt(utf8.length).put(utf8);
      }
      for (short code : codes) {
        b.putShort(code);
      }
    }
    return b.array();
  }

  /**
   * Decodes a chunk of the day starting at {@code dayStartMs}.
   *
   * @throws IllegalArgumentException when the BLOB is not one this version wrote
   */
  static RunChunk decode(byte[] data, long dayStartMs) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    if (data.length < 6 || b.get() != VERSION) {
      throw new IllegalArgumentException("unknown rollup chunk layout");
    }
    int flags = b.get();
    int n = b.getInt();
    int stepNumber = (flags & CONSTANT_STEPS) != 0 ? b.getInt() : 0;
    double[] d = new double[n];
    b.asDoubleBuffer().get(d);
    b.position(b.position() + 8 * n);
    long[] st = new long[n];
    for (int i = 0; i < n; i++) {
      st[i] = dayStartMs + b.getInt();
    }
    int[] sn = null;
    if ((flags & CONSTANT_STEPS) == 0) {
      sn = new int[n];
      b.asIntBuffer().get(sn);
      b.position(b.position() + 4 * n);
    }
    String[] errors = null;
    if ((flags & ERRORS) != 0) {
      String[] table = new String[b.getInt()];
      for (int i = 0; i < table.length; i++) {
        byte[] utf8 = new byte[b.getInt()];
        b.get(utf8);
        table[i] = new String(utf8, StandardCharsets.UTF_8);
      }
      errors = new String[n];
      for (int i = 0; i < n; i++) {
        short code = b.getShort();
        errors[i] = code < 0 ? null : table[code];
      }
    }
    return new RunChunk(d, st, sn, stepNumber, errors);
  }
}
