package io.rpainsights.analytics.store;

/**
 * The three tables analytics rolls up, and where each keeps its group key: executions by status;
 * steps by node, action type and status; recovery attempts by node, strategy and outcome.
 */
enum RollupKind {
  EXECUTIONS("executions", "rowid"),
  STEPS("steps", "id"),
  RECOVERIES("recoveries", "id");

  /** The source table, also the kind's name in the rollup tables. */
  final String table;

  /** The source table's rowid column: the watermark of new rows. */
  final String rowid;

  RollupKind(String table, String rowid) {
    this.table = table;
    this.rowid = rowid;
  }

  /** The key part that holds the status (executions, steps), or -1. */
  int statusPart() {
    return switch (this) {
      case EXECUTIONS -> 0;
      case STEPS -> 2;
      case RECOVERIES -> -1;
    };
  }

  /** The key part that holds the node id (steps, recoveries), or -1. */
  int nodePart() {
    return this == EXECUTIONS ? -1 : 0;
  }
}
