package io.rpainsights.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Agent configs for the test applications in io.rpainsights.itapp. */
final class TestConfigs {

  private TestConfigs() {}

  /** Executions, steps and recoveries of the test engine, matched through a `+` rule. */
  static final String MINI_ENGINE =
      String.join(
          "\n",
          "collector:",
          "  flushIntervalMs: 100",
          "resources:",
          "  enabled: false",
          "instrument:",
          "  executions:",
          "    - type: io.rpainsights.itapp.MiniEngine+",
          "      method: runJob",
          "      workflowId: arg0.name",
          "      totalSteps: arg0.tasks.length",
          "      status: return.status",
          "  steps:",
          "    - type: io.rpainsights.itapp.MiniEngine+",
          "      method: runTask",
          "      nodeId: arg0.id",
          "      actionType: arg0.kind",
          "      success: return.ok",
          "      error: return.message",
          "  recoveries:",
          "    - type: io.rpainsights.itapp.MiniEngine+",
          "      method: heal",
          "      nodeId: arg1.id",
          "      strategy: return.strategy",
          "      success: return.ok",
          "");

  static Path write(Path dir, String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }
}
