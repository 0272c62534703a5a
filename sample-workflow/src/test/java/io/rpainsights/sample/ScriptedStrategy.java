package io.rpainsights.sample;

import io.rpainsights.sample.healing.RecoveryContext;
import io.rpainsights.sample.healing.RecoveryStrategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A recovery strategy that answers from a script and records where and how it was called. */
final class ScriptedStrategy implements RecoveryStrategy {

  record Call(String nodeId, int attempt, boolean duringStep, String thread) {}

  private final String name;
  private final Queue<Boolean> outcomes = new ConcurrentLinkedQueue<>();
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

  ScriptedStrategy(String name, Boolean... outcomes) {
    this.name = name;
    this.outcomes.addAll(List.of(outcomes));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean attempt(RecoveryContext context, Node node, String error) {
    calls.add(
        new Call(
            node.nodeId(),
            context.attempt(),
            context.duringStep(),
            Thread.currentThread().getName()));
    Boolean next = outcomes.poll();
    return next != null && next;
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }
}
