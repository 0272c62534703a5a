package io.rpainsights.itapp;

/**
 * Calls {@link Action#perform} on implementations of every shape: a direct implementation, a class
 * inheriting an abstract base, an anonymous class, an override delegating to its base's, and one
 * loaded only after a delay (long after the agent installed its rules).
 */
public final class SubtypeApp {

  private SubtypeApp() {}

  /** Implements the interface directly. */
  public static final class Click implements Action {
    @Override
    public String perform(String input) {
      return "click " + input;
    }
  }

  /** Implements it through an abstract class. */
  public abstract static class BaseAction implements Action {
    @Override
    public String perform(String input) {
      return name() + " " + input;
    }

    abstract String name();
  }

  /** Inherits perform from its base. */
  public static final class TypeText extends BaseAction {
    @Override
    String name() {
      return "type";
    }
  }

  /** Overrides perform and delegates to its base's: one call, one timer record. */
  public static final class Shout extends BaseAction {
    @Override
    public String perform(String input) {
      return super.perform(input).toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    String name() {
      return "shout";
    }
  }

  /** Loaded late, by name. */
  public static final class LateAction implements Action {
    @Override
    public String perform(String input) {
      return "late " + input;
    }
  }

  public static void main(String[] args) throws Exception {
    Action anonymous =
        new Action() {
          @Override
          public String perform(String input) {
            return "anonymous " + input;
          }
        };
    System.out.println(new Click().perform("1"));
    System.out.println(new TypeText().perform("2"));
    System.out.println(anonymous.perform("3"));
    System.out.println(new Shout().perform("6"));
    Thread.sleep(300);
    Action late =
        (Action)
            Class.forName("io.rpainsights.itapp.SubtypeApp$LateAction")
                .getDeclaredConstructor()
                .newInstance();
    System.out.println(late.perform("4"));
    System.out.println(late.perform("5"));
  }
}
