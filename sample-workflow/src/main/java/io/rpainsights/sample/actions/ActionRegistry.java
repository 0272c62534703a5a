package io.rpainsights.sample.actions;

import io.rpainsights.sample.ActionTypes;
import java.util.Map;
import java.util.Objects;

/** Which {@link NodeAction} performs each action type. */
public final class ActionRegistry {

  private final Map<String, NodeAction> byType;

  public ActionRegistry(Map<String, NodeAction> byType) {
    this.byType = Map.copyOf(byType);
  }

  /** The engine's actions for every type in {@link ActionTypes#ALL}. */
  public static ActionRegistry standard() {
    NodeAction simple = new SimpleAction();
    return new ActionRegistry(
        Map.of(
            ActionTypes.NAVIGATE, simple,
            ActionTypes.CLICK, new ClickAction(),
            ActionTypes.TYPE, simple,
            ActionTypes.EXTRACT, simple,
            ActionTypes.OCR, new OcrAction(),
            ActionTypes.WAIT, simple,
            ActionTypes.API_CALL, simple,
            ActionTypes.SUB_WORKFLOW, new SubWorkflowAction(),
            ActionTypes.PARALLEL, new ParallelAction()));
  }

  public boolean supports(String actionType) {
    return byType.containsKey(actionType);
  }

  /** The action for {@code actionType}; an unknown type is a malformed workflow. */
  public NodeAction forType(String actionType) {
    NodeAction action = byType.get(Objects.requireNonNull(actionType, "actionType"));
    if (action == null) {
      throw new IllegalArgumentException("no action performs action type '" + actionType + "'");
    }
    return action;
  }
}
