package io.rpainsights.itapp;

/** A unit of work in the test engine. Behaviour is scripted by {@link #behaviour}. */
public class Task {
  private final String id;
  private final String kind;
  private final String behaviour;

  public Task(String id, String kind, String behaviour) {
    this.id = id;
    this.kind = kind;
    this.behaviour = behaviour;
  }

  public String getId() {
    return id;
  }

  public String kind() {
    return kind;
  }

  public String behaviour() {
    return behaviour;
  }

  /** A getter that always throws: extraction must fail quietly, the application never notices. */
  public String getExplosive() {
    throw new IllegalStateException("getter exploded");
  }
}
