package io.rpainsights.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * The agent jar's entry point: {@code premain} ({@code -javaagent}), {@code agentmain} (runtime
 * attach) and {@code main} ({@code java -jar rpa-insights-agent.jar attach PID}).
 *
 * <p>This class is loaded by the system class loader, so it uses nothing but the JDK and does as
 * little as possible: it hands off to the implementation in an {@link AgentClassLoader}, where the
 * agent's own libraries live out of the application's sight (the implementation then defines the
 * tiny {@code io.rpainsights.agent.bootstrap} bridge in the bootstrap loader). Nothing here may
 * throw into the host.
 */
public final class AgentLauncher {

  private static final String STARTER = "io.rpainsights.agent.core.AgentStarter";
  private static final String ATTACH = "io.rpainsights.agent.core.AttachCommand";

  private AgentLauncher() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    launch(arguments, instrumentation, false);
  }

  public static void agentmain(String arguments, Instrumentation instrumentation) {
    launch(arguments, instrumentation, true);
  }

  /** {@code java -jar rpa-insights-agent.jar attach PID [key=value,...]}. */
  public static void main(String[] arguments) {
    int exitCode;
    try {
      File jar = agentJar();
      ClassLoader loader =
          new AgentClassLoader(new JarFile(jar), ClassLoader.getPlatformClassLoader());
      Method run = loader.loadClass(ATTACH).getMethod("run", String[].class, File.class);
      exitCode = (Integer) run.invoke(null, arguments, jar);
    } catch (InvocationTargetException e) {
      System.err.println("[rpa-insights] " + e.getCause());
      exitCode = 1;
    } catch (Exception | LinkageError e) {
      System.err.println("[rpa-insights] cannot run the agent's command line: " + e);
      exitCode = 1;
    }
    System.exit(exitCode);
  }

  private static void launch(String arguments, Instrumentation instrumentation, boolean attached) {
    try {
      File jar = agentJar();
      ClassLoader loader =
          new AgentClassLoader(new JarFile(jar), ClassLoader.getPlatformClassLoader());
      Method start =
          loader
              .loadClass(STARTER)
              .getMethod("start", String.class, Instrumentation.class, boolean.class, File.class);
      start.invoke(null, arguments, instrumentation, attached, jar);
    } catch (InvocationTargetException e) {
      report(e.getCause());
    } catch (Throwable e) {
      report(e);
    }
  }

  private static void report(Throwable error) {
    try {
      System.err.println(
          "[rpa-insights] the agent could not start and is inactive; the application runs without"
              + " it: "
              + error);
    } catch (RuntimeException ignored) {
      // Nothing else to do: the host must run on.
    }
  }

  private static File agentJar() throws URISyntaxException {
    return new File(
        AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
