package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that carries its own, other versions of Jackson, sqlite-jdbc, Byte Buddy and JNA,
 * and uses them, behaves identically with and without the agent — while the agent records it.
 */
class IsolationIT {

  @TempDir Path dir;

  @Test
  void anAppWithConflictingLibraryVersionsRunsUnchangedWhileBeingRecorded() throws Exception {
    Path db = dir.resolve("isolation.db");
    Path config =
        TestConfigs.write(
            dir,
            "pipeline.yaml",
            String.join(
                "\n",
                "instrument:",
                "  executions:",
                "    - type: io.rpainsights.conflictapp.Pipeline",
                "      method: process",
                "      workflowId: arg0.id",
                "      totalSteps: arg0.stages.size()",
                "  steps:",
                "    - type: io.rpainsights.conflictapp.Pipeline",
                "      method: stage",
                "      nodeId: arg0",
                "      success: return",
                ""));
    ForkedJvm.Result plain = ForkedJvm.jar(ForkedJvm.CONFLICT_APP_JAR).run();
    ForkedJvm.Result withAgent =
        ForkedJvm.jar(ForkedJvm.CONFLICT_APP_JAR)
            .withAgent("config=" + config + ",store.path=" + db)
            .run();

    assertThat(plain.exitCode).as(plain.toString()).isZero();
    assertThat(plain.stdout)
        .contains("\"jackson\" : \"2.15.0\"", "3.36.0 sum=42", "byte-buddy-1.14.12.jar", "5.13.0");
    assertThat(withAgent.exitCode).isEqualTo(plain.exitCode);
    assertThat(withAgent.stdout).isEqualTo(plain.stdout);
    assertThat(withAgent.agentLines()).hasSize(1).allMatch(line -> line.contains("active"));
    try (StoreReader store = new StoreReader(db)) {
      assertThat(store.count("select count(*) from executions where status = 'success'"))
          .isEqualTo(20);
      assertThat(store.count("select count(*) from steps where status = 'success'")).isEqualTo(60);
      assertThat(store.count("select count(distinct workflow_id) from executions")).isEqualTo(4);
      assertThat(store.count("select min(steps_total) from executions")).isEqualTo(3);
    }
  }
}
