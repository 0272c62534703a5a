package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.perf.BottleneckQuery;
import io.rpainsights.analytics.report.Views;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bottlenecks",
    mixinStandardHelpOptions = true,
    description =
        "Ranks a workflow's steps by their share of its total step time (where the time goes).")
final class BottlenecksCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;
  @Mixin FormatOption format;
  @Mixin WindowOptions window;

  @Option(names = "--workflow", required = true, paramLabel = "W", description = "The workflow.")
  String workflow;

  @Option(
      names = "--top",
      defaultValue = "5",
      paramLabel = "N",
      description = "How many steps to show (default: ${DEFAULT-VALUE}).")
  int top;

  BottlenecksCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    BottleneckQuery query = new BottleneckQuery(workflow, window.range(), top);
    try (Analytics analytics = db.open(context)) {
      format.print(
          spec.commandLine().getOut(),
          Views.bottlenecks(),
          analytics.bottlenecks().bottlenecks(query));
    }
    return 0;
  }
}
