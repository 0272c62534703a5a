package io.rpainsights.sample.healing;

import io.rpainsights.sample.Node;

/** One way to save a failed step. A strategy never starts a new step. */
public interface RecoveryStrategy {

  /** The name the agent records as {@code strategy}. */
  String name();

  /** Tries once to make the node's work succeed; true when it did. */
  boolean attempt(RecoveryContext context, Node node, String error);
}
