package io.rpainsights.itapp;

/** Return values of the test engine, read by the agent's expressions. */
public final class Results {
  private Results() {}

  /** What a task returns: `ok` and `message`, read as return.ok / return.message. */
  public static final class TaskResult {
    private final boolean ok;
    private final String message;

    public TaskResult(boolean ok, String message) {
      this.ok = ok;
      this.message = message;
    }

    public boolean isOk() {
      return ok;
    }

    public String getMessage() {
      return message;
    }
  }

  /** What a heal attempt returns. */
  public static final class HealResult {
    public final String strategy;
    public final boolean ok;

    public HealResult(String strategy, boolean ok) {
      this.strategy = strategy;
      this.ok = ok;
    }
  }

  /** What a job run returns: status() is "SUCCESS", "FAILED" or "TIMEOUT". */
  public static final class JobOutcome {
    private final String status;

    public JobOutcome(String status) {
      this.status = status;
    }

    public String status() {
      return status;
    }
  }
}
