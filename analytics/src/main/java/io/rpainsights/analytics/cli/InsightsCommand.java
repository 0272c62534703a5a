package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.insight.Insight;
import io.rpainsights.analytics.engine.insight.InsightQuery;
import io.rpainsights.analytics.engine.insight.MeasuredImpact;
import io.rpainsights.analytics.report.Humanize;
import io.rpainsights.analytics.report.Views;
import io.rpainsights.analytics.store.InvalidInputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "insights",
    mixinStandardHelpOptions = true,
    subcommands = InsightsImplementCommand.class,
    description = {
      "Prioritised findings with recommendations: dominant bottleneck, high variability, slow"
          + " p99 tail, degradation, low success rate, ineffective recovery, resource-bound steps.",
      "priority = impact x ease (0..1), explained per insight. Mark one implemented with"
          + " 'insights implement ID'; later runs show the measured before/after impact."
    })
final class InsightsCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin FormatOption format;

  // Not required at parse time: picocli would demand it of 'insights implement ID --db F' too,
  // where --db belongs to the subcommand.
  @Option(names = "--db", paramLabel = "FILE", description = "The RPA Insights SQLite store.")
  java.nio.file.Path db;

  @Option(names = "--workflow", paramLabel = "W", description = "Only this workflow.")
  String workflow;

  @Option(
      names = "--days",
      defaultValue = "30",
      paramLabel = "N",
      description = "Look at the last N days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--top",
      defaultValue = "0",
      paramLabel = "N",
      description = "Show only the N highest priorities (default: all).")
  int top;

  InsightsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (top < 0) {
      throw new InvalidInputException("--top must be at least 1 (or 0, the default, for all)");
    }
    if (db == null) {
      throw new io.rpainsights.analytics.store.InvalidInputException(
          "missing required option '--db=FILE'");
    }
    InsightQuery query = new InsightQuery(workflow, days);
    try (Analytics analytics = Analytics.open(db, context.clock())) {
      List<Insight> insights = analytics.insights().insights(query);
      if (top > 0 && insights.size() > top) {
        insights = insights.subList(0, top);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format.isTable()) {
        printCards(out, insights);
      } else {
        format.print(out, Views.insights(), insights);
      }
    }
    return 0;
  }

  /** Insights are prose: the table form is one card per insight, highest priority first. */
  static void printCards(PrintWriter out, List<Insight> insights) {
    if (insights.isEmpty()) {
      out.println("No insights: nothing stands out in the window.");
    }
    int n = 1;
    for (Insight i : insights) {
      out.printf(
          Locale.ROOT,
          "%d. [%s] %s  (priority %.2f, %s, %s)%n",
          n++,
          i.id(),
          i.title(),
          i.priority(),
          i.category(),
          i.status());
      out.println("   " + i.description());
      out.println("   Recommendation: " + i.recommendation());
      out.println("   Expected impact: " + i.expectedImpact());
      out.println("   Why this priority: " + i.priorityReason());
      MeasuredImpact m = i.measuredImpact();
      if (m != null) {
        out.printf(
            Locale.ROOT,
            "   Implemented %s%s: %s %s -> %s (%s, %d runs since)%n",
            Humanize.time(m.implementedAt()),
            m.note() == null ? "" : " (" + m.note() + ")",
            m.metric(),
            metric(m.metric(), m.before()),
            m.after() == null ? "–" : metric(m.metric(), m.after()),
            m.changePct() == null
                ? m.verdict()
                : String.format(Locale.ROOT, "%s, %+.1f %%", m.verdict(), m.changePct()),
            m.runsSince());
      }
      out.println();
    }
    out.flush();
  }

  private static String metric(String name, double v) {
    return name.endsWith("Ms") ? Humanize.duration(v) : Humanize.ratio(v);
  }
}
