package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.itapp.OutcomesApp;
import io.rpainsights.itapp.TimedDelegationApp;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN's outcome, recovery, nesting and one-call-one-record rules, on a scripted engine whose
 * every call is known (see {@link OutcomesApp}).
 */
class OutcomeRulesIT {

  @TempDir static Path dir;
  static Path db;
  static ForkedJvm.Result run;

  @BeforeAll
  static void runScriptedJobs() throws Exception {
    db = dir.resolve("outcomes.db");
    Path config = TestConfigs.write(dir, "engine.yaml", TestConfigs.MINI_ENGINE);
    run =
        ForkedJvm.testApp(OutcomesApp.class)
            .withAgent("config=" + config + ",store.path=" + db)
            .run();
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout).contains("DONE");
  }

  private static String executionStatus(String workflow) throws Exception {
    try (StoreReader store = new StoreReader(db)) {
      return store.text("select status from executions where workflow_id = '" + workflow + "'");
    }
  }

  private static String stepStatuses(String workflow) throws Exception {
    try (StoreReader store = new StoreReader(db)) {
      return String.join(
          ",",
          store.texts(
              "select node_id || ':' || status from steps where workflow_id = '"
                  + workflow
                  + "' order by step_number"));
    }
  }

  @Test
  void everyCallIsOneRecord() throws Exception {
    try (StoreReader store = new StoreReader(db)) {
      assertThat(store.count("select count(*) from executions")).isEqualTo(10);
      assertThat(store.count("select count(*) from steps")).isEqualTo(18);
      assertThat(store.count("select count(*) from recoveries")).isEqualTo(6);
    }
  }

  @Test
  void successfulJobRecordsItsStepsInOrder() throws Exception {
    assertThat(executionStatus("all-ok")).isEqualTo("success");
    assertThat(stepStatuses("all-ok")).isEqualTo("a:success,b:success,c:success");
    try (StoreReader store = new StoreReader(db)) {
      assertThat(
              store.text(
                  "select steps_total || '/' || steps_completed || '/' || steps_failed from"
                      + " executions where workflow_id = 'all-ok'"))
          .isEqualTo("3/3/0");
      assertThat(store.text("select action_type from steps where workflow_id = 'all-ok' limit 1"))
          .isEqualTo("click");
    }
  }

  @Test
  void aThrowingStepFailedWithTheExceptionWhateverTheExpressionsSay() throws Exception {
    assertThat(stepStatuses("throws")).isEqualTo("a:success,b:failed");
    try (StoreReader store = new StoreReader(db)) {
      assertThat(
              store.text(
                  "select error_type || ' | ' || error_message from steps where workflow_id ="
                      + " 'throws' and node_id = 'b'"))
          .isEqualTo("java.lang.IllegalStateException | boom in b");
    }
    assertThat(executionStatus("throws")).isEqualTo("failed");
  }

  @Test
  void successExpressionFalseFailsTheStepWithItsErrorExpression() throws Exception {
    assertThat(stepStatuses("heal-fails")).isEqualTo("a:failed,b:success");
    try (StoreReader store = new StoreReader(db)) {
      assertThat(
              store.text(
                  "select error_message from steps where workflow_id = 'heal-fails' and node_id ="
                      + " 'a'"))
          .isEqualTo("element not found: a");
      assertThat(
              store.count(
                  "select count(*) from recoveries where workflow_id = 'heal-fails' and success ="
                      + " 0 and strategy = 'retry'"))
          .isEqualTo(2);
    }
  }

  @Test
  void aSuccessfulRecoveryRightAfterTheFailureMakesTheStepRecovered() throws Exception {
    assertThat(stepStatuses("heal-after")).isEqualTo("a:recovered,b:success");
    assertThat(executionStatus("heal-after")).isEqualTo("success");
    try (StoreReader store = new StoreReader(db)) {
      assertThat(
              store.text(
                  "select steps_completed || '/' || steps_recovered || '/' || steps_failed from"
                      + " executions where workflow_id = 'heal-after'"))
          .isEqualTo("2/1/0");
      assertThat(
              store.text(
                  "select strategy || '/' || success from recoveries where workflow_id ="
                      + " 'heal-after'"))
          .isEqualTo("alternative-selector/1");
    }
  }

  @Test
  void aSuccessfulRecoveryWhileTheStepRunsMakesItRecovered() throws Exception {
    assertThat(stepStatuses("heal-inside")).isEqualTo("a:recovered");
    assertThat(executionStatus("heal-inside")).isEqualTo("success");
  }

  @Test
  void statusExpressionKeepsTimeoutsApart() throws Exception {
    assertThat(executionStatus("timeout")).isEqualTo("timeout");
  }

  @Test
  void aThrowingExecutionFailedWithItsExceptionType() throws Exception {
    assertThat(executionStatus("job-throws")).isEqualTo("failed");
    try (StoreReader store = new StoreReader(db)) {
      assertThat(store.text("select error_type from executions where workflow_id = 'job-throws'"))
          .isEqualTo("java.lang.IllegalArgumentException");
    }
    assertThat(run.stdout).contains("job-throws -> threw IllegalArgumentException");
  }

  @Test
  void anExecutionStartedInsideAStepIsItsChild() throws Exception {
    try (StoreReader store = new StoreReader(db)) {
      assertThat(
              store.text(
                  "select p.workflow_id from executions c join executions p on"
                      + " c.parent_execution_id = p.execution_id where c.workflow_id = 'child'"))
          .isEqualTo("parent");
      assertThat(
              store.count("select count(*) from executions where parent_execution_id is not null"))
          .isEqualTo(1);
    }
    assertThat(stepStatuses("parent")).isEqualTo("a:success,s:success,c:success");
    assertThat(stepStatuses("child")).isEqualTo("x:success,y:success");
  }

  @Test
  void anOverloadAndAnOverrideDelegatingToTheSameRuleAreOneStep() throws Exception {
    assertThat(stepStatuses("overload")).isEqualTo("o:success");
  }

  @Test
  void aTimerOpenedInBetweenKeepsADelegatingCallItsOwnStep() throws Exception {
    Path timedDb = dir.resolve("timed.db");
    Path config =
        TestConfigs.write(
            dir,
            "timed.yaml",
            TestConfigs.MINI_ENGINE
                + String.join(
                    "\n",
                    "  timers:",
                    "    - type: io.rpainsights.itapp.TimedDelegationApp$AuditingEngine",
                    "      method: audit",
                    "      name: audit",
                    ""));
    ForkedJvm.Result timed =
        ForkedJvm.testApp(TimedDelegationApp.class)
            .withAgent("config=" + config + ",store.path=" + timedDb)
            .run();
    assertThat(timed.exitCode).as(timed.toString()).isZero();
    try (StoreReader store = new StoreReader(timedDb)) {
      assertThat(store.count("select count(*) from timers where name = 'audit'")).isEqualTo(1);
      assertThat(
              store.texts(
                  "select workflow_id || ':' || count(*) from steps group by workflow_id"
                      + " order by workflow_id"))
          .containsExactly("audited:2", "plain:1");
    }
  }

  @Test
  void aStepWithNoExecutionOpenIsNotStoredAndReportedOnce() throws Exception {
    try (StoreReader store = new StoreReader(db)) {
      assertThat(store.count("select count(*) from steps where node_id = 'outside'")).isZero();
    }
    assertThat(run.agentLines()).filteredOn(line -> line.contains("unattributed")).hasSize(1);
  }

  @Test
  void noRowIsLeftRunning() throws Exception {
    try (StoreReader store = new StoreReader(db)) {
      assertThat(store.count("select count(*) from executions where status = 'running'")).isZero();
    }
  }
}
