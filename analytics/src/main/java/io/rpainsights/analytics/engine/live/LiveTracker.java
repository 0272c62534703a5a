package io.rpainsights.analytics.engine.live;

import io.rpainsights.analytics.engine.stat.DoubleList;
import io.rpainsights.analytics.engine.stat.HumanDuration;
import io.rpainsights.analytics.store.RunningExecution;
import io.rpainsights.analytics.store.StoreReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Running executions with progress and an ETA that says how uncertain it is. The ETA adds, for each
 * remaining step position, the median duration that position had in the workflow's latest
 * successful runs (medians, not means: one stuck run must not move every estimate), and subtracts
 * the time the step in progress has already run. The p25 and p75 sums give an optimistic and a
 * pessimistic end — a range rather than a false promise.
 */
public final class LiveTracker {
  /** How many recent successful runs of a workflow the estimates learn from. */
  public static final int HISTORY_RUNS = 200;

  private final StoreReader reader;
  private final Clock clock;

  public LiveTracker(StoreReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  private record ProfileKey(String workflowId) {}

  /** Every running execution, oldest first. Always read fresh (only profiles are cached). */
  public List<LiveExecution> running() {
    Instant now = clock.instant();
    long nowMs = now.toEpochMilli();
    List<LiveExecution> result = new ArrayList<>();
    Map<String, StepProfile> profiles = new HashMap<>();
    // Even with nothing running: a follow loop must stop when its file was deleted or replaced,
    // which this check reports (StoreGoneException), rather than show the old file forever.
    reader.store().dataVersion();
    for (RunningExecution r : reader.running()) {
      StepProfile profile =
          profiles.computeIfAbsent(
              r.workflowId(),
              w -> reader.store().cached(new ProfileKey(w), false, nowMs, () -> profile(w, nowMs)));
      result.add(estimate(r, profile, nowMs));
    }
    return result;
  }

  private StepProfile profile(String workflowId, long nowMs) {
    List<String> ids = reader.recentSuccessfulExecutions(workflowId, nowMs, HISTORY_RUNS);
    Map<Integer, DoubleList> byPosition = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    reader.stepsOfExecutions(
        ids,
        s -> {
          if (Double.isFinite(s.durationMs())) {
            byPosition.computeIfAbsent(s.stepNumber(), k -> new DoubleList()).add(s.durationMs());
          }
          counts.merge(s.executionId(), 1, Integer::sum);
        });
    return StepProfile.of(ids.size(), byPosition, new ArrayList<>(counts.values()));
  }

  static LiveExecution estimate(RunningExecution r, StepProfile profile, long nowMs) {
    Integer total = r.stepsTotal() != null ? r.stepsTotal() : profile.medianSteps();
    Double progress =
        total == null || total <= 0 ? null : Math.min(100.0, 100.0 * r.stepsDone() / total);
    long elapsed = Math.max(0, nowMs - r.startedAt());
    Instant started = Instant.ofEpochMilli(r.startedAt());
    if (profile.isEmpty() || total == null) {
      return new LiveExecution(
          r.executionId(),
          r.workflowId(),
          r.host(),
          started,
          elapsed,
          r.stepsDone(),
          total,
          progress,
          null,
          null,
          null,
          "no estimate: no finished successful run of this workflow yet");
    }
    int done = Math.max(r.stepsDone(), r.lastStepNumber());
    long stepStart = r.lastStepEndedAt() != null ? r.lastStepEndedAt() : r.startedAt();
    double inProgress = Math.max(0, nowMs - stepStart);
    // A writer whose clock runs ahead of ours can report a step that starts "in the future": the
    // estimate then counts from that start, so an ETA never falls before the execution began.
    long from = Math.max(nowMs, stepStart);
    double[] remaining = new double[3];
    int steps = 0;
    for (int position = done + 1; position <= total; position++) {
      double[] q = profile.at(position);
      for (int i = 0; i < 3; i++) {
        // The step in progress has already run for a while: only what is left of it counts.
        remaining[i] += position == done + 1 ? Math.max(0, q[i] - inProgress) : q[i];
      }
      steps++;
    }
    double[] current = done + 1 <= total ? profile.at(done + 1) : null;
    String basis =
        steps == 0
            ? "all known steps done; finishing"
            : current != null && inProgress > current[2]
                ? String.format(
                    Locale.ROOT,
                    "step %d has run %s, longer than its usual %s (p75 %s):"
                        + " the estimate assumes it ends now",
                    done + 1,
                    HumanDuration.format(inProgress),
                    HumanDuration.format(current[1]),
                    HumanDuration.format(current[2]))
                : String.format(
                    Locale.ROOT,
                    "%d remaining step%s × median duration by position from %d recent runs",
                    steps,
                    steps == 1 ? "" : "s",
                    profile.runs());
    return new LiveExecution(
        r.executionId(),
        r.workflowId(),
        r.host(),
        started,
        elapsed,
        r.stepsDone(),
        total,
        progress,
        Instant.ofEpochMilli(from + Math.round(remaining[1])),
        Instant.ofEpochMilli(from + Math.round(remaining[0])),
        Instant.ofEpochMilli(from + Math.round(remaining[2])),
        basis);
  }
}
