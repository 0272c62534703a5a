package io.rpainsights.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Writes config files for tests and finds the line of a piece of text in them. */
final class ConfigFiles {

  private ConfigFiles() {}

  static Path write(Path dir, String name, String... lines) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 1-based number of the first line containing {@code text}. */
  static int lineOf(String[] lines, String text) {
    List<String> list = Arrays.asList(lines);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no line contains " + text);
  }

  /** The example config of DESIGN.md, "Config file", verbatim. */
  static final String[] DESIGN_EXAMPLE = {
    "enabled: true",
    "store:",
    "  path: rpa-insights.db            # SQLite file, created if missing",
    "collector:",
    "  batchSize: 1000                  # flush when this many events are waiting",
    "  flushIntervalMs: 5000            # ... or at least this often",
    "  queueCapacity: 65536             # bounded; events beyond it are dropped AND counted",
    "resources:",
    "  enabled: true",
    "  intervalMs: 1000",
    "prometheus:",
    "  enabled: false",
    "  host: 127.0.0.1",
    "  port: 9464",
    "exporters:",
    "  json: { dir: null, intervalMs: 60000 }   # periodic JSON snapshot when dir is set",
    "retention:",
    "  days: 0                          # 0 = keep everything; else the agent prunes older rows daily",
    "debug: false                       # stack traces in the agent's log lines",
    "instrument:",
    "  executions:                      # one call = one workflow execution",
    "    - type: com.example.rpa.ExecutionLoop",
    "      method: executeWorkflow",
    "      workflowId: arg0.workflowId",
    "      totalSteps: arg0.nodes.size()",
    "  steps:                           # one call = one step (node) execution",
    "    - type: com.example.rpa.ExecutionLoop",
    "      method: executeNode",
    "      nodeId: arg0.nodeId",
    "      actionType: arg0.actionType",
    "      success: return.success",
    "      error: return.error",
    "  recoveries:                      # one call = one self-healing attempt",
    "    - type: com.example.rpa.healing.SelfHealingEngine",
    "      method: handleExecutionFailure",
    "      nodeId: arg1.nodeId",
    "      strategy: return.strategyUsed",
    "      success: return.success",
    "  timers:                          # any method: calls, errors, latency histogram",
    "    - type: com.example.rpa.vision.*Detector",
    "      method: detect*",
    "      name: ui_detection",
    "      labels: { provider: this.providerName, cache: return.fromCache }",
    "      values: { tokens: return.usage.totalTokens }   # summed into <name>_tokens_total",
  };
}
