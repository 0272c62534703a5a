package io.rpainsights.itapp;

import java.util.List;

/**
 * Ids no Prometheus label should carry as they are, each run as one workflow of {@link MiniEngine}:
 * two 100,000-character workflow ids that differ only in their last character, and ids holding NUL,
 * CR, tab, DEL and an unpaired surrogate. After the run it prints a SUMMARY line and {@code
 * LINGERING}, then waits until its input is closed, so a test can scrape the agent's endpoint (the
 * protocol of the agent tests' LingeringRun).
 */
public final class HostileIdsApp {

  private static final String LONG = "w".repeat(100_000);

  /** The workflow ids, in the order they run; each workflow has one task, its node id derived. */
  public static final List<String> WORKFLOW_IDS =
      List.of(LONG + "a", LONG + "b", "nul\u0000cr\rtab\tdel\u007f", "lone\uD800surrogate");

  private HostileIdsApp() {}

  public static void main(String[] args) throws Exception {
    MiniEngine engine = new MiniEngine();
    for (String id : WORKFLOW_IDS) {
      engine.runJob(new Job(id, "ok", List.of(new Task(id + "/node\u0000", "click\r\n", "ok"))));
    }
    System.out.println(
        "SUMMARY executions=" + WORKFLOW_IDS.size() + " steps=" + WORKFLOW_IDS.size());
    System.out.println("LINGERING");
    System.out.flush();
    while (System.in.read() != -1) {
      // Wait for end of input.
    }
  }
}
