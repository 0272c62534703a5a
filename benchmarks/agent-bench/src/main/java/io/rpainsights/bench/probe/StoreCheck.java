package io.rpainsights.bench.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;

/**
 * What a workload run under the agent left in its store: step and execution rows, completed
 * executions, and the agent's own count of dropped events (its last {@code agent_health} row).
 *
 * <p>Usage: {@code StoreCheck FILE}. Output: {@code STORE steps=... executions=...
 * executions_done=... dropped=...}.
 */
public final class StoreCheck {

  private StoreCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("store-check: usage: StoreCheck FILE");
      System.exit(2);
      return;
    }
    Path file = Paths.get(args[0]);
    if (!Files.isRegularFile(file)) {
      System.err.println("store-check: no store at " + file);
      System.exit(2);
      return;
    }
    try (Connection connection = Stores.open(file)) {
      System.out.printf(
          "STORE steps=%d executions=%d executions_done=%d dropped=%d%n",
          Stores.count(connection, "SELECT count(*) FROM steps"),
          Stores.count(connection, "SELECT count(*) FROM executions"),
          Stores.count(connection, "SELECT count(*) FROM executions WHERE status <> 'running'"),
          Stores.count(connection, "SELECT coalesce(max(events_dropped), 0) FROM agent_health"));
    }
  }
}
