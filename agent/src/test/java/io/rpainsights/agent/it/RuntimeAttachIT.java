package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar rpa-insights-agent.jar attach PID}: what runs after the attach is recorded. */
class RuntimeAttachIT {

  @TempDir Path dir;

  @Test
  void attachingToARunningEngineRecordsTheExecutionsThatFollow() throws Exception {
    Path out = dir.resolve("sample.out");
    Process sample =
        ForkedJvm.jar(
                ForkedJvm.SAMPLE_JAR,
                "--runs",
                "300",
                "--threads",
                "1",
                "--pause-ms",
                "20",
                "--seed",
                "4")
            .start(out, dir.resolve("sample.err"));
    try {
      Thread.sleep(1500); // let it run un-instrumented for a while: those executions are not ours
      Path db = dir.resolve("attached.db");
      ForkedJvm.Result attach =
          ForkedJvm.jar(
                  ForkedJvm.AGENT_JAR,
                  "attach",
                  String.valueOf(sample.pid()),
                  "config=" + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath() + ",store.path=" + db)
              .run();
      assertThat(attach.exitCode).as(attach.toString()).isZero();
      assertThat(sample.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(sample.exitValue()).isZero();
      String summary =
          Files.readAllLines(out).stream()
              .filter(l -> l.startsWith("SUMMARY"))
              .findFirst()
              .orElseThrow();
      long total = Long.parseLong(summary.replaceAll(".*\\bexecutions=(\\d+).*", "$1"));
      try (StoreReader store = new StoreReader(db)) {
        long recorded = store.count("select count(*) from executions where status <> 'running'");
        assertThat(recorded).isPositive().isLessThan(total);
        assertThat(store.count("select count(*) from executions where status = 'running'"))
            .isZero();
        assertThat(
                store.count(
                    "select count(*) from steps s left join executions e using (execution_id)"
                        + " where e.execution_id is null"))
            .isZero();
      }
    } finally {
      sample.destroyForcibly();
    }
  }

  @Test
  void aSecondAgentInTheSameJvmIsRefusedAndNothingIsRecordedTwice() throws Exception {
    Path db = dir.resolve("twice.db");
    Path out = dir.resolve("twice.out");
    Path err = dir.resolve("twice.err");
    Process sample =
        ForkedJvm.jar(
                ForkedJvm.SAMPLE_JAR,
                "--runs",
                "200",
                "--threads",
                "2",
                "--pause-ms",
                "20",
                "--seed",
                "9")
            .withAgent("config=" + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath() + ",store.path=" + db)
            .start(out, err);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(err).contains("active")) {
        assertThat(System.nanoTime()).as("the agent never became active").isLessThan(deadline);
        Thread.sleep(20);
      }
      ForkedJvm.Result attach =
          ForkedJvm.jar(
                  ForkedJvm.AGENT_JAR,
                  "attach",
                  String.valueOf(sample.pid()),
                  "config=" + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath() + ",store.path=" + db)
              .run();
      assertThat(attach.exitCode).as(attach.toString()).isZero();
      assertThat(attach.stdout).contains("already active in JVM " + sample.pid());
      assertThat(sample.waitFor(180, TimeUnit.SECONDS)).isTrue();
      ForkedJvm.Result run =
          new ForkedJvm.Result(sample.exitValue(), Files.readString(out), Files.readString(err));
      SampleEndToEndIT.assertStoreMatchesSummary(run, db);
    } finally {
      sample.destroyForcibly();
    }
  }

  @Test
  void anAttachThatCouldNotStartSaysSoAndALaterAttachWithAFixedConfigWorks() throws Exception {
    Path out = dir.resolve("retry.out");
    Process sample =
        ForkedJvm.jar(
                ForkedJvm.SAMPLE_JAR,
                "--runs",
                "300",
                "--threads",
                "1",
                "--pause-ms",
                "20",
                "--seed",
                "5")
            .start(out, dir.resolve("retry.err"));
    try {
      Path db = dir.resolve("retry.db");
      ForkedJvm.Result broken =
          ForkedJvm.jar(
                  ForkedJvm.AGENT_JAR,
                  "attach",
                  String.valueOf(sample.pid()),
                  "config=" + dir.resolve("no-such-config.yaml") + ",store.path=" + db)
              .run();
      assertThat(broken.exitCode).as(broken.toString()).isEqualTo(1);
      assertThat(broken.stderr).contains("did not start");
      assertThat(Files.readString(dir.resolve("retry.err"))).contains("not found");

      ForkedJvm.Result fixed =
          ForkedJvm.jar(
                  ForkedJvm.AGENT_JAR,
                  "attach",
                  String.valueOf(sample.pid()),
                  "config=" + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath() + ",store.path=" + db)
              .run();
      assertThat(fixed.exitCode).as(fixed.toString()).isZero();
      assertThat(fixed.stdout).contains("attached to JVM " + sample.pid()).doesNotContain("(");
      assertThat(sample.waitFor(180, TimeUnit.SECONDS)).isTrue();
      try (StoreReader store = new StoreReader(db)) {
        assertThat(store.count("select count(*) from executions where status <> 'running'"))
            .isPositive();
      }
    } finally {
      sample.destroyForcibly();
    }
  }

  @Test
  void anAttachWhoseStoreCannotBeWrittenSaysSo() throws Exception {
    Process sample =
        ForkedJvm.jar(
                ForkedJvm.SAMPLE_JAR,
                "--runs",
                "100",
                "--threads",
                "1",
                "--pause-ms",
                "20",
                "--seed",
                "6")
            .start(dir.resolve("nostore.out"), dir.resolve("nostore.err"));
    try {
      ForkedJvm.Result attach =
          ForkedJvm.jar(
                  ForkedJvm.AGENT_JAR,
                  "attach",
                  String.valueOf(sample.pid()),
                  "config="
                      + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath()
                      + ",store.path=/proc/no-such-dir/x.db")
              .run();
      assertThat(attach.exitCode).as(attach.toString()).isEqualTo(1);
      assertThat(attach.stderr).contains("cannot write its store").contains("/proc/no-such-dir");
      assertThat(sample.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(sample.exitValue()).isZero();
    } finally {
      sample.destroyForcibly();
    }
  }

  @Test
  void attachingToAProcessThatIsNotAJvmFailsAfterOneAttachAttempt() throws Exception {
    Process notAJvm = new ProcessBuilder("sleep", "300").start();
    try {
      String pid = String.valueOf(notAJvm.pid());
      // One attempt waits out the JDK's attach timeout (10 s by default; how much of it depends on
      // the JDK), so measure it here rather than assume it.
      long oneAttemptNanos = timeOneAttachAttempt(pid);

      long started = System.nanoTime();
      ForkedJvm.Result attach = ForkedJvm.jar(ForkedJvm.AGENT_JAR, "attach", pid).run();
      long tookNanos = System.nanoTime() - started;

      assertThat(attach.exitCode).as(attach.toString()).isEqualTo(1);
      assertThat(attach.stderr)
          .startsWith("[rpa-insights] could not attach to JVM " + pid + ": ")
          .contains("AttachNotSupportedException");
      assertThat(tookNanos)
          .as("%s, one attach attempt takes %d ms", attach, oneAttemptNanos / 1_000_000)
          .isLessThan(oneAttemptNanos * 3 / 2);
      assertThat(notAJvm.isAlive()).as("the target is left alone").isTrue();
    } finally {
      notAJvm.destroyForcibly();
    }
  }

  @Test
  void attachingToAPidWithNoProcessSaysSoAtOnce() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String pid = String.valueOf(gone.pid());

    ForkedJvm.Result attach = ForkedJvm.jar(ForkedJvm.AGENT_JAR, "attach", pid).run();

    assertThat(attach.exitCode).as(attach.toString()).isEqualTo(1);
    assertThat(attach.stderr.strip())
        .isEqualTo(
            "[rpa-insights] could not attach to JVM "
                + pid
                + ": no process with this id is running");
  }

  private static long timeOneAttachAttempt(String pid) throws IOException {
    long started = System.nanoTime();
    try {
      VirtualMachine.attach(pid).detach();
      throw new AssertionError("attached to 'sleep', which is not a JVM");
    } catch (AttachNotSupportedException expected) {
      return System.nanoTime() - started;
    }
  }

  @Test
  void attachWithoutAPidExplainsUsage() throws Exception {
    ForkedJvm.Result run = ForkedJvm.jar(ForkedJvm.AGENT_JAR, "attach").run();
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.stderr).contains("usage");
  }
}
