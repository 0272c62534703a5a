package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.anomaly.Anomaly;
import io.rpainsights.analytics.engine.anomaly.AnomalyQuery;
import io.rpainsights.analytics.engine.insight.Insight;
import io.rpainsights.analytics.engine.insight.InsightQuery;
import io.rpainsights.analytics.engine.perf.DegradationQuery;
import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.engine.perf.StatsQuery;
import io.rpainsights.analytics.engine.perf.StatsRow;
import io.rpainsights.analytics.engine.perf.StepDegradation;
import io.rpainsights.analytics.report.CsvTable;
import io.rpainsights.analytics.report.Humanize;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.report.Kind;
import io.rpainsights.analytics.report.TextTable;
import io.rpainsights.analytics.report.Views;
import io.rpainsights.analytics.store.Durations;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.store.TimeSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = {
      "One screen: statistics per workflow, the top insights, degraded steps and recent"
          + " anomalies (what the demo prints).",
      "Windows fit any run length, e.g. --since 5m --baseline 2m --current 30s --anomalies-since"
          + " 3m --days 1."
    })
final class SummaryCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;
  @Mixin FormatOption format;
  @Mixin WindowOptions window;

  @Option(
      names = "--baseline",
      defaultValue = "7d",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Degradation baseline window (default: 7d).")
  Duration baseline;

  @Option(
      names = "--current",
      defaultValue = "1d",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Degradation current window (default: 1d).")
  Duration current;

  @Option(
      names = "--anomalies-since",
      defaultValue = "1h",
      paramLabel = "WHEN",
      converter = Converters.TimeSpecConverter.class,
      description = "Anomalies from this long ago (default: ${DEFAULT-VALUE}).")
  TimeSpec anomaliesSince;

  @Option(
      names = "--anomaly-baseline",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description = "Anomaly baseline length (default: 7d).")
  Duration anomalyBaseline;

  @Option(
      names = "--days",
      defaultValue = "30",
      paramLabel = "N",
      description = "Insights look at the last N days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--top",
      defaultValue = "5",
      paramLabel = "N",
      description = "Insights and anomalies to show (default: ${DEFAULT-VALUE}).")
  int top;

  /** The summary as JSON. */
  record Summary(
      List<StatsRow> stats,
      List<Insight> insights,
      List<StepDegradation> degradation,
      List<Anomaly> anomalies,
      boolean synthetic) {}

  SummaryCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (top < 1) {
      throw new InvalidInputException("--top must be at least 1");
    }
    Summary s;
    try (Analytics a = db.open(context)) {
      List<StatsRow> stats =
          a.stats().stats(new StatsQuery(null, window.range(), GroupBy.WORKFLOW, null));
      List<Insight> insights = a.insights().insights(new InsightQuery(null, days));
      List<StepDegradation> degraded = new ArrayList<>();
      for (String w : a.reader().workflows()) {
        for (StepDegradation d :
            a.degradation().degradation(DegradationQuery.of(w, baseline, current))) {
          if (d.degraded()) {
            degraded.add(d);
          }
        }
      }
      List<Anomaly> anomalies =
          a.anomalies()
              .anomalies(
                  new AnomalyQuery(
                      null, TimeRange.since(anomaliesSince), 2.0, null, anomalyBaseline, 3, null));
      s =
          new Summary(
              stats,
              insights.subList(0, Math.min(top, insights.size())),
              degraded,
              anomalies,
              a.state().isSynthetic());
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format.format) {
      case json -> out.println(Json.write(s));
      case csv -> {
        if (s.synthetic()) {
          out.print("# synthetic data (written by generate)\r\n");
        }
        out.print("# stats\r\n");
        CsvTable.render(Views.stats(GroupBy.WORKFLOW), s.stats(), out);
        out.print("\r\n# insights\r\n");
        CsvTable.render(Views.insights(), s.insights(), out);
        out.print("\r\n# degradation\r\n");
        CsvTable.render(Views.degradation(), s.degradation(), out);
        out.print("\r\n# anomalies\r\n");
        CsvTable.render(Views.anomalies(), s.anomalies(), out);
      }
      case table -> {
        if (s.synthetic()) {
          out.println("Synthetic data: this store was written by `generate`, not by the agent.");
          out.println();
        }
        out.println("Statistics per workflow");
        TextTable.render(Views.stats(GroupBy.WORKFLOW), s.stats(), out);
        out.println();
        out.println("Top insights");
        out.println();
        InsightsCommand.printCards(out, s.insights());
        out.println(
            "Degradation (last "
                + Durations.format(current)
                + " against the "
                + Durations.format(baseline)
                + " before)");
        if (s.degradation().isEmpty()) {
          out.println("- no step got meaningfully slower");
        }
        for (StepDegradation d : s.degradation()) {
          // A NULL node id as the tables show it, never as the text "null" (another step's name).
          out.println(
              "- "
                  + d.workflowId()
                  + " / "
                  + Humanize.format(Kind.TEXT, d.nodeId())
                  + ": "
                  + d.verdict());
        }
        out.println();
        out.println("Anomalies (" + s.anomalies().size() + ")");
        if (s.anomalies().isEmpty()) {
          out.println("- none");
        }
        s.anomalies().stream()
            .sorted((x, y) -> Double.compare(y.severity(), x.severity()))
            .limit(top)
            .forEach(x -> out.println("- " + x.description()));
      }
    }
    out.flush();
    return 0;
  }
}
