package io.rpainsights.sample;

import java.util.List;

/** The action types a node can have; the agent stores them as {@code action_type}. */
public final class ActionTypes {

  public static final String NAVIGATE = "navigate";
  public static final String CLICK = "click";
  public static final String TYPE = "type";
  public static final String EXTRACT = "extract";
  public static final String OCR = "ocr";
  public static final String WAIT = "wait";
  public static final String API_CALL = "api-call";

  /** Runs another workflow as a nested execution from inside this step. */
  public static final String SUB_WORKFLOW = "sub-workflow";

  /** Fans its branch nodes out to the engine's thread pool and waits for all of them. */
  public static final String PARALLEL = "parallel";

  public static final List<String> ALL =
      List.of(NAVIGATE, CLICK, TYPE, EXTRACT, OCR, WAIT, API_CALL, SUB_WORKFLOW, PARALLEL);

  private ActionTypes() {}
}
