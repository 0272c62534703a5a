package io.rpainsights.agent.resources;

/**
 * The machine's cumulative CPU time split into idle and total, in one source's unit (clock ticks
 * from /proc/stat, milliseconds from OSHI). Only two readings of the same source are comparable.
 */
final class CpuTicks {

  final long idle;
  final long total;

  CpuTicks(long idle, long total) {
    this.idle = idle;
    this.total = total;
  }

  /**
   * From the counters in the order of /proc/stat's {@code cpu} line (and OSHI's {@code TickType}):
   * user nice system idle iowait irq softirq steal [guest guest_nice]. Waiting for I/O counts as
   * idle, as in {@code top}; guest time is left out of the total because the kernel already counts
   * it inside user and nice. Null when there are fewer than the four fields every kernel has.
   */
  static CpuTicks fromStatFields(long[] fields) {
    if (fields.length < 4) {
      return null;
    }
    long idle = fields[3] + (fields.length > 4 ? fields[4] : 0);
    long total = 0;
    for (int i = 0; i < Math.min(8, fields.length); i++) {
      total += fields[i];
    }
    return new CpuTicks(idle, total);
  }

  /**
   * Busy share of the CPU time that passed between two readings, 0–100: (Δtotal − Δidle) / Δtotal.
   * Null without an earlier reading, or when no tick passed between them.
   */
  static Double busyPct(CpuTicks earlier, CpuTicks later) {
    if (earlier == null || later == null) {
      return null;
    }
    long total = later.total - earlier.total;
    if (total <= 0) {
      return null;
    }
    long idle = later.idle - earlier.idle;
    return Rates.clampPct(100.0 * (total - idle) / total);
  }
}
