package io.rpainsights.bench.probe;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The values the benchmark workload's rows carry, shared by every probe so that the bare-insert
 * ceiling, the agent's pipeline and the store-size probe write the same bytes: twenty workflow ids
 * {@code workflow-01}..., node ids {@code node-001}..., five action types, compact execution ids of
 * the agent's form ({@code <8 base-36 chars>-<counter>}), status {@code success}.
 */
public final class Rows {

  static final String[] ACTIONS = {"click", "type", "extract", "navigate", "wait"};
  public static final int WORKFLOWS = 20;

  private final String prefix;
  private long counter;

  public Rows() {
    long random = ThreadLocalRandom.current().nextLong() & ((1L << 40) - 1);
    this.prefix = Long.toString(random, 36) + "-";
  }

  public String nextExecutionId() {
    return prefix + Long.toString(++counter, 36);
  }

  private static final String[] WORKFLOW_IDS = new String[WORKFLOWS];
  private static final String[] NODE_IDS = new String[1000];

  static {
    for (int i = 0; i < WORKFLOW_IDS.length; i++) {
      WORKFLOW_IDS[i] = String.format("workflow-%02d", i + 1);
    }
    for (int i = 0; i < NODE_IDS.length; i++) {
      NODE_IDS[i] = String.format("node-%03d", i + 1);
    }
  }

  /** The workflow the n-th execution runs (they take turns, as in the workload). */
  public static String workflowId(long execution) {
    return WORKFLOW_IDS[(int) (execution % WORKFLOWS)];
  }

  public static String nodeId(int index) {
    return NODE_IDS[index % NODE_IDS.length];
  }

  public static String action(int index) {
    return ACTIONS[index % ACTIONS.length];
  }
}
