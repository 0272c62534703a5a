package io.rpainsights.itapp;

import java.util.ArrayList;
import java.util.List;

/**
 * Ends the JVM in the middle of a job: {@code exit N} calls System.exit(N) after a few steps;
 * {@code wait} prints READY after the same steps and then blocks until it is killed (SIGTERM);
 * {@code hook} runs one job and returns, and its shutdown hook runs another.
 */
public final class ExitApp {

  private ExitApp() {}

  public static void main(String[] args) {
    String mode = args[0];
    if (mode.equals("hook")) {
      runJobInShutdownHook();
      return;
    }
    List<Task> tasks = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      tasks.add(new Task("t" + i, "wait", "ok"));
    }
    tasks.add(new Task("stop", "exit", "ok"));
    MiniEngine engine =
        new MiniEngine() {
          @Override
          public Results.TaskResult runTask(Task task) {
            if (task.kind().equals("exit")) {
              if (mode.equals("exit")) {
                System.exit(Integer.parseInt(args[1]));
              }
              System.out.println("READY");
              System.out.flush();
              try {
                Thread.sleep(120_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return super.runTask(task);
          }
        };
    engine.runJob(new Job("interrupted", "normal", tasks));
  }

  /**
   * A job that runs in the application's own shutdown hook, beside the agent's: it starts once the
   * agent's shutdown has begun (its hook thread is alive), while the store's last writes are still
   * going, and outlasts them.
   */
  private static void runJobInShutdownHook() {
    MiniEngine engine = new MiniEngine();
    List<Task> cleanup = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      cleanup.add(new Task("c" + i, "wait", "ok"));
    }
    Runnable hook =
        () -> {
          awaitThread("rpa-insights-shutdown", 5_000);
          engine.runJob(new Job("cleanup", "normal", cleanup));
        };
    Runtime.getRuntime().addShutdownHook(new Thread(hook, "app-hook"));
    pause(1_500); // the agent's start-up has finished: its hook sweeps as soon as it runs
    engine.runJob(new Job("main", "normal", List.of(new Task("m1", "wait", "ok"))));
  }

  private static void awaitThread(String name, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().equals(name)) {
          return;
        }
      }
      Thread.onSpinWait();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
