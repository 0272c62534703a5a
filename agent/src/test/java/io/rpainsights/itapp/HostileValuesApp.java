package io.rpainsights.itapp;

/**
 * An engine whose values throw when the agent turns them into records: a node reference whose
 * {@code toString()} throws for a missing id and whose {@code equals()} always throws, an error
 * detail whose {@code toString()} throws, and an exception whose {@code getMessage()} throws (a
 * message formatted from state that is not there). Its execution states are not DESIGN's words.
 */
public final class HostileValuesApp {

  private HostileValuesApp() {}

  public static void main(String[] args) {
    Engine engine = new Engine();
    System.out.println("plain -> " + engine.run("plain", false));
    try {
      engine.run("lazy-message", true);
    } catch (LazyMessageException e) {
      System.out.println("lazy-message -> threw");
    }
    System.out.println("DONE");
  }

  public static final class Engine {

    /** Five steps: a, one without an id, c with c-inner nested in it, then a failed d. */
    public String run(String workflow, boolean fail) {
      step(new NodeRef("a"), false);
      step(new NodeRef(null), false);
      step(new NodeRef("c"), true);
      step(new NodeRef("d"), false);
      if (fail) {
        throw new LazyMessageException(new Object[] {null});
      }
      return "COMPLETED";
    }

    public Outcome step(NodeRef node, boolean nest) {
      if (nest) {
        step(new NodeRef("c-inner"), false); // same rule: the agent compares the two identities
      }
      return "d".equals(node.id) ? new Outcome(false, new Detail()) : new Outcome(true, null);
    }
  }

  public static final class NodeRef {
    private final String id;

    NodeRef(String id) {
      this.id = id;
    }

    @Override
    public String toString() {
      if (id == null) {
        throw new IllegalStateException("node reference without an id");
      }
      return id;
    }

    @Override
    public boolean equals(Object other) {
      throw new UnsupportedOperationException("node references are not comparable");
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  public static final class Outcome {
    public final boolean ok;
    public final Detail detail;

    Outcome(boolean ok, Detail detail) {
      this.ok = ok;
      this.detail = detail;
    }
  }

  public static final class Detail {
    @Override
    public String toString() {
      throw new IllegalStateException("detail not rendered");
    }
  }

  public static final class LazyMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Object[] context;

    LazyMessageException(Object[] context) {
      this.context = context;
    }

    @Override
    public String getMessage() {
      return "element " + context[0].toString() + " not found";
    }
  }
}
