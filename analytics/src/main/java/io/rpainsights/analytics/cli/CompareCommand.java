package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.perf.CompareQuery;
import io.rpainsights.analytics.engine.perf.Comparison;
import io.rpainsights.analytics.report.Views;
import io.rpainsights.analytics.store.InvalidInputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Compares two workflows over one window: statistics side by side, B relative to A, and a"
            + " two-sided Mann-Whitney p-value of their durations.")
final class CompareCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;
  @Mixin FormatOption format;
  @Mixin WindowOptions window;

  @Option(
      names = "--workflow",
      required = true,
      paramLabel = "W",
      description = "A workflow; give exactly two different ones (A, then B).")
  List<String> workflows;

  CompareCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (workflows.size() != 2) {
      throw new InvalidInputException(
          "compare needs exactly two workflows (--workflow A --workflow B), got "
              + workflows.size());
    }
    CompareQuery query = new CompareQuery(workflows.get(0), workflows.get(1), window.range());
    try (Analytics analytics = db.open(context)) {
      Comparison c = analytics.comparator().compare(query);
      PrintWriter out = spec.commandLine().getOut();
      format.print(out, Views.comparison(c), Views.comparisonLines(c), c);
      if (format.isTable()) {
        out.println();
        out.println(c.summary());
        out.flush();
      }
    }
    return 0;
  }
}
