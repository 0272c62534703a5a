package io.rpainsights.sample.simulation;

/** The thread running simulated work was interrupted: the run is being shut down. */
public final class RunInterruptedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RunInterruptedException() {
    super("interrupted while simulating work");
  }
}
