package io.rpainsights.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * An {@link Error} thrown inside a command (picocli does not give it to the execution exception
 * handler) is one line on stderr and exit code 1, like any other failure, not the JVM's trace.
 */
class ErrorInCommandTest {

  @Test
  void outOfMemoryIsOneLineThatSaysToGiveTheJvmMoreHeap() {
    CliRun r = runThrowing(new OutOfMemoryError("Java heap space"), "fail");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo(
            "rpa-insights fail: out of memory (Java heap space); give the JVM more heap, e.g."
                + " java -Xmx2g -jar rpa-insights.jar …");
  }

  @Test
  void aStackOverflowIsOneLineAndExitOne() {
    CliRun r = runThrowing(new StackOverflowError(), "fail");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo(
            "rpa-insights fail: internal error: java.lang.StackOverflowError"
                + " (run with --debug for the stack trace)");
  }

  @Test
  void debugAddsTheStackTrace() {
    CliRun r = runThrowing(new OutOfMemoryError("Java heap space"), "fail", "--debug");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().lines().findFirst().orElseThrow())
        .startsWith("rpa-insights fail: out of memory (Java heap space)");
    assertThat(r.err()).contains("java.lang.OutOfMemoryError: Java heap space").contains("\tat ");
  }

  /** Runs the configured CLI with one more subcommand, {@code fail}, that throws {@code error}. */
  private static CliRun runThrowing(Error error, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl =
        RpaInsightsCli.commandLine(new PrintWriter(out), new PrintWriter(err), StoreFixture.CLOCK);
    cl.addSubcommand("fail", new Throwing(error));
    int code;
    try {
      code = RpaInsightsCli.execute(cl, args);
    } catch (Error escaped) {
      // JUnit rethrows an OutOfMemoryError as unrecoverable, which would end the test JVM.
      throw new AssertionError("the CLI let " + escaped + " escape", escaped);
    }
    return new CliRun(code, out.toString(), err.toString());
  }

  @Command(name = "fail")
  static final class Throwing implements Callable<Integer> {
    private final Error error;

    Throwing(Error error) {
      this.error = error;
    }

    @Override
    public Integer call() {
      throw error;
    }
  }
}
