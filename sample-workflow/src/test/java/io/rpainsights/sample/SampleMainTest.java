package io.rpainsights.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.sample.simulation.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleMainTest {

  /** One CLI invocation: exit code and both streams. */
  private record Run(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }

    String lastLine() {
      List<String> lines = lines();
      return lines.get(lines.size() - 1);
    }
  }

  private static Run run(Sleeper sleeper, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = SampleMain.run(args, o, e, sleeper);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void sameSeedAndScenarioGiveTheSameSummaryWithOneThreadOrFour() {
    Run one = run(Sleeper.real(), "--runs", "40", "--scenario", "demo", "--seed", "7");
    Run four =
        run(Sleeper.real(), "--runs", "40", "--scenario", "demo", "--seed", "7", "--threads", "4");

    assertThat(one.code()).isZero();
    assertThat(four.code()).isZero();
    assertThat(one.lastLine()).startsWith("SUMMARY ").isEqualTo(four.lastLine());
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "degradation", "spikes", "demo"})
  void summaryDoesNotDependOnTheThreadCountInAnyScenario(String scenario) {
    Run one = run(Sleeper.none(), "--runs", "400", "--scenario", scenario);
    Run eight = run(Sleeper.none(), "--runs", "400", "--scenario", scenario, "--threads", "8");

    assertThat(one.lastLine()).isEqualTo(eight.lastLine());
  }

  @Test
  void differentSeedsGiveDifferentSummaries() {
    Run first = run(Sleeper.none(), "--runs", "200", "--seed", "1");
    Run second = run(Sleeper.none(), "--runs", "200", "--seed", "2");

    assertThat(first.lastLine()).isNotEqualTo(second.lastLine());
  }

  @Test
  void runPrintsProgressEndsWithTheSummaryLineAndLeavesStderrEmpty() {
    Run run = run(Sleeper.real(), "--runs", "20");

    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.lines())
        .first()
        .isEqualTo("sample-workflow scenario=default runs=20 threads=1 seed=42 pauseMs=0");
    assertThat(run.lines()).contains("progress 2/20", "progress 20/20");
    assertThat(run.lastLine())
        .matches(
            "SUMMARY executions=\\d+ success=\\d+ failed=\\d+ steps=\\d+ failedSteps=\\d+"
                + " recoveredSteps=\\d+ recoveries=\\d+");
  }

  @Test
  void defaultsAreOneHundredRunsOneThreadSeed42AndTheDefaultScenario() {
    Run implicit = run(Sleeper.none());
    Run explicit =
        run(
            Sleeper.none(),
            "--runs=100",
            "--threads=1",
            "--seed=42",
            "--pause-ms=0",
            "--scenario=default");

    assertThat(implicit.out()).isEqualTo(explicit.out());
  }

  @Test
  void pauseComesBetweenExecutionsOfEachThread() {
    List<Double> sleeps = new CopyOnWriteArrayList<>();
    Run run = run(sleeps::add, "--runs", "5", "--threads", "2", "--pause-ms", "250");

    assertThat(run.code()).isZero();
    // The first execution of each of the two threads starts at once; the other three pause.
    assertThat(sleeps.stream().filter(ms -> ms == 250.0)).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--runs 0",
        "--runs many",
        "--runs",
        "--threads 0",
        "--threads 1000",
        "--seed 1.5",
        "--pause-ms -1",
        "--scenario nope",
        "--frobnicate 3",
        "stray"
      })
  void badArgumentsGiveOneLineOnStderrAndExitCode2(String args) {
    Run run = run(Sleeper.none(), args.split(" "));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("sample-workflow: ");
  }

  @Test
  void unknownScenarioNamesTheKnownOnes() {
    Run run = run(Sleeper.none(), "--scenario", "chaos");

    assertThat(run.err().strip())
        .isEqualTo(
            "sample-workflow: unknown scenario 'chaos' (scenarios: default, degradation, spikes,"
                + " demo)");
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    Run run = run(Sleeper.none(), "--help");

    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith("usage: java -jar sample-workflow.jar");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void stepLogHasOneLinePerStepWithTheSimulatedWork(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path log = dir.resolve("steps.log");
    Run run = run(Sleeper.none(), "--runs", "30", "--threads", "3", "--step-log", log.toString());
    assertThat(run.code()).isZero();
    long steps = Long.parseLong(run.lastLine().replaceAll(".*\\bsteps=(\\d+).*", "$1"));
    List<String> lines = java.nio.file.Files.readAllLines(log);
    assertThat(lines).hasSize((int) steps);
    assertThat(lines).allMatch(line -> line.matches("\\S+ \\d+\\.\\d{3}"));
    assertThat(lines.stream().mapToDouble(line -> Double.parseDouble(line.split(" ")[1])).sum())
        .isPositive();
  }
}
