package io.rpainsights.agent.core;

import java.io.File;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * {@code java -jar rpa-insights-agent.jar attach PID [key=value,...]}: loads the agent into a
 * running JVM (its {@code agentmain}); the argument string is the same as after {@code
 * -javaagent:rpa-insights-agent.jar=}.
 */
public final class AttachCommand {

  private static final String USAGE =
      "usage: java -jar rpa-insights-agent.jar attach PID [config=PATH,key=value,...]\n"
          + "   or: java -javaagent:rpa-insights-agent.jar[=config=PATH,key=value,...] -jar app.jar";

  private AttachCommand() {}

  /** Runs the command line and returns the process exit code. */
  public static int run(String[] arguments, File agentJar) {
    if (arguments.length == 1
        && (arguments[0].equals("--version") || arguments[0].equals("version"))) {
      String version = AttachCommand.class.getPackage().getImplementationVersion();
      System.out.println(
          "rpa-insights-agent " + (version == null ? "(development build)" : version));
      return 0;
    }
    if (arguments.length == 0 || !arguments[0].equals("attach") || arguments.length > 3) {
      System.err.println(USAGE);
      return arguments.length == 1 && arguments[0].matches("-h|--help|help") ? 0 : 2;
    }
    if (arguments.length < 2 || !arguments[1].matches("\\d+")) {
      System.err.println("[rpa-insights] attach needs the process id of a running JVM\n" + USAGE);
      return 2;
    }
    String pid = arguments[1];
    String agentArguments = arguments.length == 3 ? arguments[2] : null;
    try {
      ByteBuddyAgent.attach(agentJar, pid, agentArguments);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println("[rpa-insights] could not attach to JVM " + pid + ": " + cause);
      return 1;
    }
    System.out.println("[rpa-insights] attached to JVM " + pid);
    return 0;
  }
}
