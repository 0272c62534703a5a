package io.rpainsights.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks with the settings compare-agents.sh uses and prints one {@code JMH
 * benchmark=NAME score=... error=... unit=...} line per result: the in-process ones (hot path,
 * store inserts), then {@link InstrumentedBenchmark} in a JVM forked with the built agent.
 *
 * <p>Usage: {@code RunBenchmarks --agent-jar JAR --config YAML --dir DIR [--part
 * all|in-process|instrumented] [--quick]}; {@code --quick} runs every benchmark for a moment only
 * (a smoke test: the numbers are not measurements). The instrumented part must run from a class
 * path without the agent module's classes: JMH forks with its host's class path, and a launcher
 * class found there before the agent jar's own would look for the agent's implementation in the
 * wrong jar.
 */
public final class RunBenchmarks {

  private RunBenchmarks() {}

  public static void main(String[] args) throws Exception {
    String agentJar = null;
    String config = null;
    String dir = System.getProperty("java.io.tmpdir");
    boolean quick = false;
    String part = "all";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--agent-jar":
          agentJar = args[++i];
          break;
        case "--config":
          config = args[++i];
          break;
        case "--dir":
          dir = args[++i];
          break;
        case "--part":
          part = args[++i];
          break;
        case "--quick":
          quick = true;
          break;
        default:
          System.err.println("jmh: unknown option " + args[i]);
          System.exit(2);
          return;
      }
    }
    if (agentJar == null || config == null || !Files.isRegularFile(Paths.get(agentJar))) {
      System.err.println("jmh: --agent-jar (an existing file) and --config are required");
      System.exit(2);
      return;
    }
    Path work = Paths.get(dir).toAbsolutePath();
    Files.createDirectories(work);
    String configPath = Paths.get(config).toAbsolutePath().toString();
    if (!part.equals("all") && !part.equals("in-process") && !part.equals("instrumented")) {
      System.err.println("jmh: --part is all, in-process or instrumented, got " + part);
      System.exit(2);
      return;
    }
    List<RunResult> results = new ArrayList<>();
    if (!part.equals("instrumented")) {
      results.addAll(
          new Runner(
                  settings(quick)
                      .include(HotPathBenchmark.class.getName())
                      .include(StoreInsertBenchmark.class.getName())
                      .jvmArgsAppend("-Dbench.config=" + configPath, "-Dbench.dir=" + work)
                      .build())
              .run());
    }
    if (!part.equals("in-process")) {
      results.addAll(
          new Runner(
                  settings(quick)
                      .include(InstrumentedBenchmark.class.getName())
                      .forks(1)
                      .jvmArgsAppend(
                          "-javaagent:"
                              + Paths.get(agentJar).toAbsolutePath()
                              + "=config="
                              + configPath
                              + ",store.path="
                              + work.resolve("jmh-instrumented.db"))
                      .build())
              .run());
    }
    print(results);
  }

  private static ChainedOptionsBuilder settings(boolean quick) {
    ChainedOptionsBuilder options = new OptionsBuilder().shouldFailOnError(true);
    if (quick) {
      return options
          .forks(1)
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(100))
          .measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(200));
    }
    return options
        .forks(1)
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(5)
        .measurementTime(TimeValue.seconds(1));
  }

  private static void print(Collection<RunResult> results) {
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      StringBuilder params = new StringBuilder();
      for (String key : result.getParams().getParamsKeys()) {
        params.append(params.length() == 0 ? "[" : ",");
        params.append(key).append('=').append(result.getParams().getParam(key));
      }
      if (params.length() > 0) {
        params.append(']');
      }
      System.out.printf(
          Locale.ROOT,
          "JMH benchmark=%s%s score=%.1f error=%.1f unit=%s%n",
          name,
          params,
          result.getPrimaryResult().getScore(),
          result.getPrimaryResult().getScoreError(),
          result.getPrimaryResult().getScoreUnit());
    }
  }
}
