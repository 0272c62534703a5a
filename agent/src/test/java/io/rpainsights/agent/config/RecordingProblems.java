package io.rpainsights.agent.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects reports as "missing Type.member" / "failed Type.member: Cause" lines. */
final class RecordingProblems implements ExpressionProblems {

  final List<String> reports = new CopyOnWriteArrayList<>();

  @Override
  public void memberMissing(Expression expression, Class<?> type, String member) {
    reports.add("missing " + type.getSimpleName() + "." + member);
  }

  @Override
  public void accessFailed(Expression expression, Class<?> type, String member, Throwable cause) {
    reports.add(
        "failed " + type.getSimpleName() + "." + member + ": " + cause.getClass().getSimpleName());
  }
}
