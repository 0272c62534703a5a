package io.rpainsights.bench.report;

import io.rpainsights.bench.report.Results.Line;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the lines compare-agents.sh collected into the Markdown tables of BENCHMARKS.md: medians
 * per agent of the alternating runs, the added cost of each agent as the median of its per-round
 * differences to the no-agent run of the same round, the ratios to OpenTelemetry, and each issue-7
 * target next to what was measured.
 *
 * <p>Usage: {@code Report RESULTS_FILE [MARKDOWN_OUT]}.
 */
public final class Report {

  static final String NONE = "none";
  static final String RPA = "rpa";
  static final String OTEL = "otel";
  static final String ELASTIC = "elastic";
  static final Map<String, String> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put(NONE, "no agent");
    NAMES.put(RPA, "RPA Insights (every step stored)");
    NAMES.put(OTEL, "OpenTelemetry 2.21.0");
    NAMES.put(ELASTIC, "Elastic APM 1.52.0");
  }

  private final Results results;
  private final StringBuilder out = new StringBuilder();

  Report(Results results) {
    this.results = results;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("report: usage: Report RESULTS_FILE [MARKDOWN_OUT]");
      System.exit(2);
      return;
    }
    Path input = Paths.get(args[0]);
    if (!Files.isRegularFile(input)) {
      System.err.println("report: no results file at " + input);
      System.exit(2);
      return;
    }
    String markdown = new Report(Results.read(input)).render();
    System.out.print(markdown);
    if (args.length == 2) {
      Files.writeString(Paths.get(args[1]), markdown);
    }
  }

  String render() {
    machine();
    workload();
    targets();
    storeChecks();
    ingest();
    storeSize();
    tracing();
    jmh();
    return out.toString();
  }

  // ---- per-variant figures

  /** The workload's value of {@code metric} for one run (derived metrics computed here). */
  static double metric(Line run, String metric) {
    switch (metric) {
      case "startup_ms":
        return run.number("main_at") - run.number("launch_ms");
      case "jvm_to_main_ms":
        return run.number("main_at") - run.number("jvm_start");
      case "idle_mib":
        return run.number("idle_hwm_kib") / 1024;
      case "load_mib":
        return run.number("hwm_kib") / 1024;
      default:
        return run.number(metric);
    }
  }

  List<Line> runs(String variant) {
    return results.tagged("RESULT", "variant", variant);
  }

  double median(String variant, String metric) {
    List<Double> values = new ArrayList<>();
    for (Line run : runs(variant)) {
      values.add(metric(run, metric));
    }
    return Results.median(values);
  }

  /** Median over rounds of (variant − no agent) in the same round. */
  double added(String variant, String metric) {
    Map<String, Double> baseline = new LinkedHashMap<>();
    for (Line run : runs(NONE)) {
      baseline.put(run.get("round"), metric(run, metric));
    }
    List<Double> differences = new ArrayList<>();
    for (Line run : runs(variant)) {
      Double base = baseline.get(run.get("round"));
      if (base != null) {
        differences.add(metric(run, metric) - base);
      }
    }
    return Results.median(differences);
  }

  private void machine() {
    Line machine = results.first("MACHINE");
    out.append("### Machine\n\n");
    if (machine == null) {
      out.append("(not recorded)\n\n");
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%s cores, %s, Java %s; load average %s before, %s after; mode %s; %d round(s).%n%n",
            machine.get("nproc"),
            machine.get("cpu").replace('_', ' '),
            machine.get("java"),
            machine.get("load_before"),
            value("MACHINE_END", "load_after"),
            machine.get("mode"),
            runs(NONE).size()));
  }

  private String value(String tag, String key) {
    Line line = results.first(tag);
    return line == null || line.get(key) == null ? "?" : line.get(key);
  }

  private void workload() {
    out.append("### Workload: medians of alternating runs\n\n");
    out.append(
        "| agent | runs | ns/step | added ns/step | CPU ns/step | added CPU ns | start→main ms |"
            + " added ms | idle peak RSS MiB | added MiB | load peak RSS MiB | added MiB |"
            + " steps/s |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, String> variant : NAMES.entrySet()) {
      String v = variant.getKey();
      if (runs(v).isEmpty()) {
        continue;
      }
      boolean base = v.equals(NONE);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.0f | %s | %.0f | %s | %.0f | %s | %.0f | %s | %.0f | %s | %.0f |%n",
              variant.getValue(),
              runs(v).size(),
              median(v, "ns_per_step"),
              base ? "—" : signed(added(v, "ns_per_step"), "%+.0f"),
              median(v, "cpu_ns_per_step"),
              base ? "—" : signed(added(v, "cpu_ns_per_step"), "%+.0f"),
              median(v, "startup_ms"),
              base ? "—" : signed(added(v, "startup_ms"), "%+.0f"),
              median(v, "idle_mib"),
              base ? "—" : signed(added(v, "idle_mib"), "%+.0f"),
              median(v, "load_mib"),
              base ? "—" : signed(added(v, "load_mib"), "%+.0f"),
              median(v, "steps_per_s")));
    }
    out.append(
        "\nstart→main: from the script's launch of `java` to the first line of `main()`."
            + " Peak RSS: VmHWM after an idle second (idle) and at the end (load).\n\n");
  }

  private static String signed(double value, String format) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "n/a";
  }

  private void targets() {
    out.append("### Issue 7 targets (agent)\n\n");
    out.append("| target | measured | anchor | met |\n|---|---|---|---|\n");
    double rpaNs = added(RPA, "ns_per_step");
    double otelNs = added(OTEL, "ns_per_step");
    double rpaCpu = added(RPA, "cpu_ns_per_step");
    double otelCpu = added(OTEL, "cpu_ns_per_step");
    row(
        "hot path: added ns/step ≤ 1/5 of OTel's",
        String.format(
            Locale.ROOT,
            "%+.0f ns vs OTel %+.0f ns: ratio %s (CPU time: %+.0f vs %+.0f, ratio %s)",
            rpaNs,
            otelNs,
            ratio(rpaNs, otelNs),
            rpaCpu,
            otelCpu,
            ratio(rpaCpu, otelCpu)),
        "OTel +890 ns, Elastic +1,100 ns",
        Double.isFinite(otelNs) ? verdict(rpaNs <= otelNs / 5) : "n/a (no OTel run)");
    long missing = 0;
    long dropped = 0;
    double minRate = Double.POSITIVE_INFINITY;
    int checked = 0;
    for (Line run : runs(RPA)) {
      Line store = storeOf(run);
      if (store != null) {
        checked++;
        missing += missingSteps(run, store);
        dropped += (long) store.number("dropped");
      }
      minRate = Math.min(minRate, run.number("steps_per_s"));
    }
    row(
        "… with every step stored (zero dropped) at ≥ 100,000 steps/s",
        String.format(
            Locale.ROOT,
            "%d run(s) checked: %d step(s) missing, %d event(s) dropped; slowest run %.0f"
                + " steps/s",
            checked,
            missing,
            dropped,
            minRate),
        "—",
        checked == 0 ? "n/a" : verdict(missing == 0 && dropped == 0 && minRate >= 100_000));
    double startup = added(RPA, "startup_ms");
    row(
        "startup: start→main ≤ +300 ms",
        String.format(
            Locale.ROOT,
            "%+.0f ms (OTel %+.0f ms, Elastic %+.0f ms)",
            startup,
            added(OTEL, "startup_ms"),
            added(ELASTIC, "startup_ms")),
        "OTel +3.3 s, Elastic +3.5 s",
        verdict(startup <= 300));
    double idle = added(RPA, "idle_mib");
    double load = added(RPA, "load_mib");
    row(
        "memory: peak RSS ≤ +64 MiB, idle and under load",
        String.format(
            Locale.ROOT,
            "idle %+.0f MiB, load %+.0f MiB (OTel %+.0f / %+.0f, Elastic %+.0f / %+.0f)",
            idle,
            load,
            added(OTEL, "idle_mib"),
            added(OTEL, "load_mib"),
            added(ELASTIC, "idle_mib"),
            added(ELASTIC, "load_mib")),
        "OTel +240 MiB, Elastic +150 MiB",
        verdict(idle <= 64 && load <= 64));
    Line pipeline = results.first("PIPELINE");
    Line ceiling = ceiling();
    Line paced = results.first("RESULT", "variant", "rpa-paced");
    Line pacedStore = results.first("STORE", "variant", "rpa-paced");
    if (ceiling != null && paced != null && pacedStore != null) {
      // The target itself: the real agent, 60 s at 80 % of the ceiling, nothing dropped. The
      // pipeline probe's maximum (flow-controlled, so never dropping) is shown beside it.
      double pacedShare = paced.number("steps_per_s") / ceiling.number("rows_per_s");
      long missingPaced = missingSteps(paced, pacedStore);
      long droppedPaced = (long) pacedStore.number("dropped");
      String maximum =
          pipeline == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "; the pipeline's maximum %.0f rows/s = %.0f %% (per CPU-second of the writing"
                      + " thread %.0f %%)",
                  pipeline.number("rows_per_s"),
                  100 * pipeline.number("rows_per_s") / ceiling.number("rows_per_s"),
                  100
                      * pipeline.number("rows_per_flusher_cpu_s")
                      / ceiling.number("rows_per_cpu_s"));
      row(
          "ingest: sustained ≥ 80 % of the bare-insert ceiling, zero drops",
          String.format(
              Locale.ROOT,
              "the agent at %.0f steps/s = %.0f %% of %.0f rows/s (%s) for %s s: %d step(s)"
                  + " missing, %d event(s) dropped%s; queue %s, batch %s",
              paced.number("steps_per_s"),
              100 * pacedShare,
              ceiling.number("rows_per_s"),
              ceiling.get("variant"),
              paced.get("seconds"),
              missingPaced,
              droppedPaced,
              maximum,
              pipeline == null ? "?" : pipeline.get("queue_capacity"),
              pipeline == null ? "?" : pipeline.get("batch_size")),
          "ceiling 150–200k rows/s",
          verdict(missingPaced == 0 && droppedPaced == 0 && pacedShare >= 0.795));
    }
    Line size = results.first("SIZE");
    if (size != null) {
      double perThousand = size.number("per_1000_executions");
      row(
          "store size ≤ 1.0 MB per 1,000 executions of 10 steps",
          String.format(
              Locale.ROOT,
              "%.2f MB; %.0f bytes per step row (%.0f with its indexes)",
              perThousand / 1e6,
              size.number("step_row_bytes"),
              size.number("step_row_with_indexes_bytes")),
          "seeds' estimate ~1 MB",
          verdict(perThousand <= 1_000_000));
    }
    out.append('\n');
  }

  /**
   * The ceiling the agent is compared with: the mean of the long runs of the best variant that
   * bracket the agent's run when there are any, else the best short run.
   */
  private Line ceiling() {
    List<Line> longRuns = results.tagged("CEILING_LONG");
    if (!longRuns.isEmpty()) {
      Map<String, String> fields = new LinkedHashMap<>(longRuns.get(0).fields);
      fields.put("rows_per_s", String.valueOf(mean(longRuns, "rows_per_s")));
      fields.put("rows_per_cpu_s", String.valueOf(mean(longRuns, "rows_per_cpu_s")));
      return new Line("CEILING_LONG", fields);
    }
    Line best = null;
    for (Line line : results.tagged("CEILING")) {
      if (line.get("best") != null) {
        best = line;
      }
    }
    if (best == null) {
      return null;
    }
    Line variant = results.first("CEILING", "variant", best.get("best"));
    return variant != null ? variant : best;
  }

  private static double mean(List<Line> lines, String key) {
    double sum = 0;
    for (Line line : lines) {
      sum += line.number(key);
    }
    return sum / lines.size();
  }

  private Line storeOf(Line run) {
    for (Line store : results.tagged("STORE", "round", run.get("round"))) {
      if (RPA.equals(store.get("variant"))) {
        return store;
      }
    }
    return null;
  }

  private void row(String target, String measured, String anchor, String met) {
    out.append("| ")
        .append(target)
        .append(" | ")
        .append(measured)
        .append(" | ")
        .append(anchor)
        .append(" | ")
        .append(met)
        .append(" |\n");
  }

  private static String ratio(double a, double b) {
    return Double.isFinite(a) && Double.isFinite(b) && b != 0
        ? String.format(Locale.ROOT, "%.2f", a / b)
        : "n/a";
  }

  /**
   * Steps the workload ran that are not in its store. Reported apart from the agent's dropped
   * events: a dropped step event is also a missing step, so the two are not to be added.
   */
  private static long missingSteps(Line run, Line store) {
    return (long) (run.number("steps_total") - store.number("steps"));
  }

  private static String verdict(boolean met) {
    return met ? "yes" : "**no**";
  }

  private void storeChecks() {
    List<Line> stores = results.tagged("STORE");
    if (stores.isEmpty()) {
      return;
    }
    out.append("### RPA Insights stores after each run\n\n");
    out.append("| run | steps produced | steps stored | executions stored | dropped | steps/s |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Line store : stores) {
      Line run = null;
      for (Line candidate : results.tagged("RESULT", "round", store.get("round"))) {
        if (store.get("variant").equals(candidate.get("variant"))) {
          run = candidate;
        }
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s %s | %s | %s | %s | %s | %s |%n",
              store.get("variant"),
              store.get("round"),
              run == null ? "?" : run.get("steps_total"),
              store.get("steps"),
              store.get("executions_done"),
              store.get("dropped"),
              run == null ? "?" : run.get("steps_per_s")));
    }
    out.append('\n');
  }

  private void ingest() {
    List<Line> ceilings = results.tagged("CEILING");
    Line pipeline = results.first("PIPELINE");
    if (ceilings.isEmpty() && pipeline == null) {
      return;
    }
    out.append("### Ingest\n\n| what | step rows/s | notes |\n|---|---|---|\n");
    for (Line c : ceilings) {
      if (c.get("variant") != null && c.get("best") == null) {
        out.append(
            String.format(
                Locale.ROOT,
                "| bare JDBC %s (short runs, fresh file) | %.0f | %.0f per CPU-s; median of %s |%n",
                c.get("variant"),
                c.number("rows_per_s"),
                c.number("rows_per_cpu_s"),
                c.get("runs")));
      }
    }
    List<Line> longRuns = results.tagged("CEILING_LONG");
    for (int i = 0; i < longRuns.size(); i++) {
      Line longRun = longRuns.get(i);
      out.append(
          String.format(
              Locale.ROOT,
              "| bare JDBC %s, %s s, %s the agent's run (the ceiling) | %.0f | %.0f per CPU-s |%n",
              longRun.get("variant"),
              longRun.get("seconds"),
              i == 0 ? "before" : "after",
              longRun.number("rows_per_s"),
              longRun.number("rows_per_cpu_s")));
    }
    if (pipeline != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "| agent pipeline (bridge → recorder → queue → flusher → SqliteStore), %s s |"
                  + " %.0f | %s stored of %s, %s dropped, queue %s, batch %s; %.0f per CPU-s of"
                  + " the flusher |%n",
              pipeline.get("seconds"),
              pipeline.number("rows_per_s"),
              pipeline.get("steps_stored"),
              pipeline.get("steps_produced"),
              pipeline.get("dropped"),
              pipeline.get("queue_capacity"),
              pipeline.get("batch_size"),
              pipeline.number("rows_per_flusher_cpu_s")));
    }
    Line paced = results.first("RESULT", "variant", "rpa-paced");
    Line pacedStore = results.first("STORE", "variant", "rpa-paced");
    if (paced != null && pacedStore != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "| real agent (-javaagent), workload paced at %s steps/s for %s s | %.0f |"
                  + " %s stored of %s, %s dropped |%n",
              paced.get("target_rate"),
              paced.get("seconds"),
              paced.number("steps_per_s"),
              pacedStore.get("steps"),
              paced.get("steps_total"),
              pacedStore.get("dropped")));
    }
    out.append('\n');
  }

  private void storeSize() {
    List<Line> sizes = results.tagged("SIZE");
    if (sizes.isEmpty()) {
      return;
    }
    Line head = sizes.get(0);
    out.append(
        String.format(
            Locale.ROOT,
            "### Store size (%s executions of %s steps, written by SqliteStore)%n%n"
                + "%.0f bytes per 1,000 executions (file %s bytes); after VACUUM %s. Step row %.1f"
                + " bytes, %.1f with its indexes.%n%n",
            head.get("executions"),
            head.get("steps_each"),
            head.number("per_1000_executions"),
            head.get("file_bytes"),
            value("SIZE_VACUUMED", "per_1000_executions"),
            head.number("step_row_bytes"),
            head.number("step_row_with_indexes_bytes")));
    Line dictionary = results.first("SIZE_DICTIONARY");
    Line reads = results.first("SIZE_DICTIONARY_READ");
    if (dictionary != null && reads != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "The same rows dictionary-coded (an experiment, not the documented schema: names"
                  + " as ids of a `names` table, `steps` a view over `step_data`): %.0f bytes per"
                  + " 1,000 executions, step row %.1f bytes, %.1f with its indexes; reading every"
                  + " workflow's steps costs %s ns per row through the view, %s through the"
                  + " table.%n%n",
              dictionary.number("per_1000_executions"),
              dictionary.number("step_row_bytes"),
              dictionary.number("step_row_with_indexes_bytes"),
              reads.get("view_ns_per_row"),
              reads.get("table_ns_per_row")));
    }
    out.append("| table or index | bytes per 1,000 executions | page fill % |\n|---|---|---|\n");
    for (Line line : sizes) {
      String object = line.get("object");
      if (object != null && line.number("per_1000_executions") > 1000) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %.0f | %s |%n",
                object,
                line.number("per_1000_executions"),
                line.get("fill_pct")));
      }
    }
    out.append('\n');
  }

  private void jmh() {
    List<Line> jmh = results.tagged("JMH");
    if (jmh.isEmpty()) {
      return;
    }
    out.append("### JMH\n\n| benchmark | score | error (99.9 %) | unit |\n|---|---|---|---|\n");
    for (Line line : jmh) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %s |%n",
              line.get("benchmark"),
              line.number("score"),
              line.number("error"),
              line.get("unit")));
    }
    out.append('\n');
  }

  private void tracing() {
    List<Line> checks = results.tagged("TRACE_CHECK");
    if (checks.isEmpty()) {
      return;
    }
    out.append("### Do the other agents really trace the two methods?\n\n");
    for (Line check : checks) {
      out.append(
          String.format(
              "- %s: %s spans/transactions seen for %s expected (%s)%n",
              check.get("variant"),
              check.get("seen"),
              check.get("expected"),
              check.get("how").replace('_', ' ')));
    }
    out.append('\n');
  }
}
