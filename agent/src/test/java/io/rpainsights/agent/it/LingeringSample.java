package io.rpainsights.agent.it;

import io.rpainsights.sample.SampleMain;

/**
 * The sample engine's command line, followed by a pause: after SUMMARY it prints {@value #READY}
 * and waits until its standard input is closed, so a test can read the agent's endpoint and files
 * with the run complete and the JVM still alive. A test that dies closes the pipe too, so the
 * process never outlives it.
 */
public final class LingeringSample {

  static final String READY = "LINGERING";

  private LingeringSample() {}

  public static void main(String[] args) throws Exception {
    SampleMain.main(args);
    System.out.println(READY);
    System.out.flush();
    while (System.in.read() != -1) {
      // Wait for end of input.
    }
  }
}
