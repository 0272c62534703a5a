package io.rpainsights.sample;

import io.rpainsights.sample.simulation.Fault;
import io.rpainsights.sample.simulation.FaultKind;
import io.rpainsights.sample.simulation.FaultModel;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A fault model that plays a script per target: each attempt on a target takes the next entry (a
 * fault, or a pass); once the script runs out every attempt passes.
 */
final class ScriptedFaults implements FaultModel {

  private final Map<String, Queue<Optional<Fault>>> draws = new ConcurrentHashMap<>();
  private final Map<String, Queue<Optional<Fault>>> afterHeal = new ConcurrentHashMap<>();

  /** Scripts the attempts on {@code target}; a null kind is an attempt that passes. */
  ScriptedFaults on(String target, double persistence, FaultKind... kinds) {
    add(draws, target, persistence, kinds);
    return this;
  }

  /** Scripts what happens right after in-step healing on {@code target}. */
  ScriptedFaults afterHealOn(String target, FaultKind... kinds) {
    add(afterHeal, target, 0.0, kinds);
    return this;
  }

  private static void add(
      Map<String, Queue<Optional<Fault>>> script,
      String target,
      double persistence,
      FaultKind... kinds) {
    Queue<Optional<Fault>> queue =
        script.computeIfAbsent(target, t -> new ConcurrentLinkedQueue<>());
    for (FaultKind kind : kinds) {
      queue.add(Optional.ofNullable(kind).map(k -> new Fault(k, k.describe(target), persistence)));
    }
  }

  @Override
  public Fault draw(String actionType, String target, SplittableRandom random) {
    return next(draws, target);
  }

  @Override
  public Fault drawAfterHeal(String actionType, String target, SplittableRandom random) {
    return next(afterHeal, target);
  }

  private static Fault next(Map<String, Queue<Optional<Fault>>> script, String target) {
    Queue<Optional<Fault>> queue = script.get(target);
    Optional<Fault> entry = queue == null ? null : queue.poll();
    return entry == null ? null : entry.orElse(null);
  }
}
