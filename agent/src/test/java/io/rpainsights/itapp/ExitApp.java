package io.rpainsights.itapp;

import java.util.ArrayList;
import java.util.List;

/**
 * Ends the JVM in the middle of a job: {@code exit N} calls System.exit(N) after a few steps;
 * {@code wait} prints READY after the same steps and then blocks until it is killed (SIGTERM).
 */
public final class ExitApp {

  private ExitApp() {}

  public static void main(String[] args) {
    String mode = args[0];
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
}
