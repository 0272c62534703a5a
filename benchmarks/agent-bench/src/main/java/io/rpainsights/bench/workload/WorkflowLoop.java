package io.rpainsights.bench.workload;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The plain-Java workload that compare-agents.sh runs with no agent and under each agent: a loop of
 * workflows of {@code --nodes} nodes (100) whose per-node work is {@code --work} rounds of {@link
 * Spin}. It prints one {@code RESULT key=value ...} line on stdout.
 *
 * <p>Mode {@code measure} (default): after {@code --idle-ms} doing nothing (the idle memory
 * reading), {@code --warmup-rounds} then {@code --rounds} rounds, each a burst of {@code
 * --workflows-per-round} workflows timed on its own, followed by an untimed {@code --pause-ms}
 * pause ({@code --warmup-pause-ms} after warm-up bursts, so that an agent's store warms up too).
 * The bursts are sized to fit the agent's default queue and the pauses let its store catch up, so
 * that every step of the run is stored while the steps themselves run at full speed. {@code
 * ns_per_step} is the median over the measured rounds of (burst time / burst steps); {@code
 * cpu_ns_per_step} the same in the thread's CPU time, which time stolen by other processes on a
 * shared machine does not inflate.
 *
 * <p>Mode {@code paced}: workflows at {@code --rate} steps per second for {@code --seconds}; for
 * the sustained-ingest test. {@code steps_per_s} is what was achieved.
 *
 * <p>Dependency-free (JDK only) so that it loads like any application would.
 */
public final class WorkflowLoop {

  private WorkflowLoop() {}

  public static void main(String[] args) throws Exception {
    long mainAt = System.currentTimeMillis();
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("workload: " + e.getMessage());
      System.exit(2);
      return;
    }
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    if (options.idleMs > 0) {
      Thread.sleep(options.idleMs);
    }
    long idleRss = procStatusKib("VmRSS");
    long idleHwm = procStatusKib("VmHWM");

    List<Workflow> workflows = new ArrayList<>();
    for (int i = 1; i <= options.workflowIds; i++) {
      workflows.add(Workflow.of(String.format("workflow-%02d", i), options.nodes));
    }
    WorkflowEngine engine = new WorkflowEngine(options.work);
    StringBuilder out = new StringBuilder("RESULT");
    put(out, "mode", options.mode);
    put(out, "main_at", mainAt);
    put(out, "jvm_start", jvmStart);
    put(out, "idle_rss_kib", idleRss);
    put(out, "idle_hwm_kib", idleHwm);
    if (options.mode.equals("paced")) {
      paced(options, workflows, engine, out);
    } else {
      measure(options, workflows, engine, out);
    }
    put(out, "hwm_kib", procStatusKib("VmHWM"));
    put(out, "checksum", engine.checksum() & 0xFFFF);
    System.out.println(out);
  }

  private static void measure(
      Options options, List<Workflow> workflows, WorkflowEngine engine, StringBuilder out) {
    int rounds = options.warmupRounds + options.rounds;
    double[] nsPerStep = new double[options.rounds];
    double[] cpuNsPerStep = new double[options.rounds];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
    long steps = 0;
    long timedNanos = 0;
    long measuredStart = 0;
    int next = 0;
    for (int round = 0; round < rounds; round++) {
      if (round == options.warmupRounds) {
        measuredStart = System.nanoTime();
      }
      long roundSteps = 0;
      long cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
      long start = System.nanoTime();
      for (int w = 0; w < options.workflowsPerRound; w++) {
        Workflow workflow = workflows.get(next);
        next = next + 1 == workflows.size() ? 0 : next + 1;
        engine.runWorkflow(workflow);
        roundSteps += workflow.getStepCount();
      }
      long elapsed = System.nanoTime() - start;
      long cpu = cpuTime ? threads.getCurrentThreadCpuTime() - cpuStart : 0;
      if (round >= options.warmupRounds) {
        nsPerStep[round - options.warmupRounds] = (double) elapsed / roundSteps;
        cpuNsPerStep[round - options.warmupRounds] = (double) cpu / roundSteps;
        steps += roundSteps;
        timedNanos += elapsed;
      }
      long pause = round < options.warmupRounds ? options.warmupPauseMs : options.pauseMs;
      if (pause > 0) {
        LockSupport.parkNanos(pause * 1_000_000L);
      }
    }
    long measuredNanos = System.nanoTime() - measuredStart;
    put(out, "ns_per_step", format(median(nsPerStep)));
    put(out, "cpu_ns_per_step", cpuTime ? format(median(cpuNsPerStep)) : "NaN");
    put(out, "ns_per_step_mean", format((double) timedNanos / Math.max(1, steps)));
    put(out, "steps", steps);
    put(out, "steps_total", (long) rounds * options.workflowsPerRound * options.nodes);
    put(out, "executions_total", (long) rounds * options.workflowsPerRound);
    put(out, "steps_per_s", format(steps / (measuredNanos / 1e9)));
  }

  private static void paced(
      Options options, List<Workflow> workflows, WorkflowEngine engine, StringBuilder out) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart =
        threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    long start = System.nanoTime();
    long end = start + (long) (options.seconds * 1e9);
    double nanosPerStep = 1e9 / options.rate;
    long steps = 0;
    long executions = 0;
    int next = 0;
    while (true) {
      long now = System.nanoTime();
      if (now - end >= 0) {
        break;
      }
      long due = start + (long) (steps * nanosPerStep);
      if (due - now > 0) {
        // Sleep, never spin: an application waiting for its next job uses no CPU, and on 2 cores
        // a spinning producer would take CPU from the agent's writer that no real engine takes.
        // A wake-up that comes late is made up by the next workflows starting at once.
        LockSupport.parkNanos(due - now);
        continue;
      }
      Workflow workflow = workflows.get(next);
      next = next + 1 == workflows.size() ? 0 : next + 1;
      engine.runWorkflow(workflow);
      steps += workflow.getStepCount();
      executions++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    put(out, "steps", steps);
    put(out, "steps_total", steps);
    put(out, "executions_total", executions);
    put(out, "seconds", format(seconds));
    put(out, "steps_per_s", format(steps / seconds));
    put(
        out,
        "main_cpu_s",
        threads.isCurrentThreadCpuTimeSupported()
            ? format((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9)
            : "NaN");
  }

  /** A field of /proc/self/status in KiB (Linux); -1 elsewhere. */
  static long procStatusKib(String field) {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
          return Long.parseLong(parts[0]);
        }
      }
    } catch (IOException | RuntimeException unavailable) {
      return -1;
    }
    return -1;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static void put(StringBuilder out, String key, Object value) {
    out.append(' ').append(key).append('=').append(value);
  }

  /** The command line: {@code --name value} pairs. */
  static final class Options {
    String mode = "measure";
    int nodes = 100;
    int work = 45;
    int workflowIds = 20;
    int workflowsPerRound = 500;
    int rounds = 10;
    int warmupRounds = 4;
    long pauseMs = 300;
    long warmupPauseMs = -1;
    long idleMs = 1000;
    double rate = 100_000;
    double seconds = 60;

    static Options parse(String[] args) {
      Options o = new Options();
      if (args.length % 2 != 0) {
        throw new IllegalArgumentException("options come in pairs: --name value");
      }
      for (int i = 0; i < args.length; i += 2) {
        String name = args[i];
        String value = args[i + 1];
        try {
          switch (name) {
            case "--mode":
              if (!value.equals("measure") && !value.equals("paced")) {
                throw new IllegalArgumentException("--mode is measure or paced, got " + value);
              }
              o.mode = value;
              break;
            case "--nodes":
              o.nodes = positive(name, Integer.parseInt(value));
              break;
            case "--work":
              o.work = Math.max(0, Integer.parseInt(value));
              break;
            case "--workflow-ids":
              o.workflowIds = positive(name, Integer.parseInt(value));
              break;
            case "--workflows-per-round":
              o.workflowsPerRound = positive(name, Integer.parseInt(value));
              break;
            case "--rounds":
              o.rounds = positive(name, Integer.parseInt(value));
              break;
            case "--warmup-rounds":
              o.warmupRounds = Math.max(0, Integer.parseInt(value));
              break;
            case "--pause-ms":
              o.pauseMs = Math.max(0, Long.parseLong(value));
              break;
            case "--warmup-pause-ms":
              o.warmupPauseMs = Math.max(0, Long.parseLong(value));
              break;
            case "--idle-ms":
              o.idleMs = Math.max(0, Long.parseLong(value));
              break;
            case "--rate":
              o.rate = Double.parseDouble(value);
              if (!(o.rate > 0)) {
                throw new IllegalArgumentException("--rate must be positive, got " + value);
              }
              break;
            case "--seconds":
              o.seconds = Double.parseDouble(value);
              if (!(o.seconds > 0)) {
                throw new IllegalArgumentException("--seconds must be positive, got " + value);
              }
              break;
            default:
              throw new IllegalArgumentException("unknown option " + name);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(name + " needs a number, got '" + value + "'");
        }
      }
      if (o.warmupPauseMs < 0) {
        o.warmupPauseMs = o.pauseMs;
      }
      return o;
    }

    private static int positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + value);
      }
      return value;
    }
  }
}
