package io.rpainsights.analytics.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Small inline SVG charts for the HTML report: no script, no external resource, readable without a
 * browser's help (titles and axis labels are text).
 */
final class Svg {
  private static final int W = 640;
  private static final int H = 220;
  private static final int LEFT = 70;
  private static final int RIGHT = 16;
  private static final int TOP = 28;
  private static final int BOTTOM = 36;

  private Svg() {}

  /** One line of a line chart; NaN values leave gaps. */
  record Series(String name, String color, double[] values) {}

  static String lineChart(
      String label, long[] x, List<Series> series, DoubleFunction<String> yFormat, Double yMax) {
    double max = yMax != null ? yMax : 0;
    if (yMax == null) {
      for (Series s : series) {
        for (double v : s.values()) {
          if (!Double.isNaN(v)) {
            max = Math.max(max, v);
          }
        }
      }
    }
    if (max <= 0) {
      max = 1;
    }
    StringBuilder sb = open(label);
    axes(sb, max, yFormat);
    int n = x.length;
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - BOTTOM;
    for (Series s : series) {
      StringBuilder path = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < n; i++) {
        double v = s.values()[i];
        if (Double.isNaN(v)) {
          pen = false;
          continue;
        }
        double px = LEFT + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
        double py = TOP + plotH * (1 - Math.min(v, max) / max);
        path.append(pen ? " L" : " M").append(fmt(px)).append(' ').append(fmt(py));
        pen = true;
      }
      if (path.length() > 0) {
        sb.append("<path d=\"")
            .append(path.toString().trim())
            .append("\" fill=\"none\" stroke=\"")
            .append(s.color())
            .append("\" stroke-width=\"2\"><title>")
            .append(Html.escape(s.name()))
            .append("</title></path>");
      }
    }
    if (n > 0) {
      sb.append(text(LEFT, H - 12, "start", time(x[0])));
      sb.append(text(W - RIGHT, H - 12, "end", time(x[n - 1])));
    }
    int lx = LEFT + 8;
    for (Series s : series) {
      sb.append("<rect x=\"")
          .append(lx)
          .append("\" y=\"")
          .append(4)
          .append("\" width=\"10\" height=\"10\" fill=\"")
          .append(s.color())
          .append("\"/>");
      sb.append(text(lx + 14, 13, "start", s.name()));
      lx += 24 + 7 * s.name().length();
    }
    return sb.append("</svg>").toString();
  }

  /** Horizontal bars of fractions 0..1 with their labels. */
  static String bars(String label, List<String> names, double[] fractions, String[] captions) {
    int rowH = 22;
    int height = TOP + rowH * Math.max(1, names.size()) + 8;
    StringBuilder sb =
        new StringBuilder("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ")
            .append(W)
            .append(' ')
            .append(height)
            .append("\" width=\"")
            .append(W)
            .append("\" height=\"")
            .append(height)
            .append("\"><title>")
            .append(Html.escape(label))
            .append("</title>");
    int labelW = 170;
    double plotW = W - labelW - 150;
    for (int i = 0; i < names.size(); i++) {
      int y = TOP + i * rowH;
      double f = Math.max(0, Math.min(1, fractions[i]));
      sb.append(text(labelW - 6, y + 14, "end", names.get(i)));
      sb.append("<rect x=\"")
          .append(labelW)
          .append("\" y=\"")
          .append(y + 3)
          .append("\" width=\"")
          .append(fmt(Math.max(1, plotW * f)))
          .append("\" height=\"15\" fill=\"#4c78a8\"/>");
      sb.append(text((int) (labelW + plotW * f + 6), y + 14, "start", captions[i]));
    }
    return sb.append("</svg>").toString();
  }

  /** A histogram of execution durations. */
  static String histogram(String label, ReportData.Histogram h) {
    StringBuilder sb = open(label);
    long max = h.overflow();
    for (long c : h.counts()) {
      max = Math.max(max, c);
    }
    if (max == 0) {
      return sb.append(text(W / 2, H / 2, "middle", "no finished executions"))
          .append("</svg>")
          .toString();
    }
    axes(sb, max, v -> Humanize.count((long) v));
    int bins = h.counts().length + (h.overflow() > 0 ? 1 : 0);
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - BOTTOM;
    double bw = plotW / bins;
    for (int i = 0; i < bins; i++) {
      long c = i < h.counts().length ? h.counts()[i] : h.overflow();
      double bh = plotH * c / max;
      String color = i < h.counts().length ? "#4c78a8" : "#e45756";
      String tip =
          i < h.counts().length
              ? Humanize.duration(h.fromMs() + i * h.binWidthMs())
                  + " – "
                  + Humanize.duration(h.fromMs() + (i + 1) * h.binWidthMs())
                  + ": "
                  + c
              : "above p99: " + c;
      sb.append("<rect x=\"")
          .append(fmt(LEFT + i * bw + 1))
          .append("\" y=\"")
          .append(fmt(TOP + plotH - bh))
          .append("\" width=\"")
          .append(fmt(Math.max(1, bw - 2)))
          .append("\" height=\"")
          .append(fmt(bh))
          .append("\" fill=\"")
          .append(color)
          .append("\"><title>")
          .append(Html.escape(tip))
          .append("</title></rect>");
    }
    sb.append(text(LEFT, H - 12, "start", Humanize.duration(h.fromMs())));
    sb.append(
        text(
            (int) (LEFT + h.counts().length * bw),
            H - 12,
            "end",
            Humanize.duration(h.fromMs() + h.counts().length * h.binWidthMs()) + " (p99)"));
    return sb.append("</svg>").toString();
  }

  private static StringBuilder open(String label) {
    return new StringBuilder("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(H)
        .append("\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(H)
        .append("\"><title>")
        .append(Html.escape(label))
        .append("</title>");
  }

  private static void axes(StringBuilder sb, double max, DoubleFunction<String> yFormat) {
    double plotH = H - TOP - BOTTOM;
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double y = TOP + plotH * (1 - (double) i / 4);
      sb.append("<line x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(W - RIGHT)
          .append("\" y1=\"")
          .append(fmt(y))
          .append("\" y2=\"")
          .append(fmt(y))
          .append("\" stroke=\"#ddd\"/>");
      sb.append(text(LEFT - 6, (int) y + 4, "end", yFormat.apply(v)));
    }
  }

  private static String text(int x, int y, String anchor, String s) {
    return "<text x=\""
        + x
        + "\" y=\""
        + y
        + "\" text-anchor=\""
        + anchor
        + "\" font-size=\"11\" fill=\"#333\">"
        + Html.escape(s)
        + "</text>";
  }

  private static String time(long epochMs) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .format(Instant.ofEpochMilli(epochMs))
        + "Z";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
