package io.rpainsights.agent.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Properties;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Reads a running JVM's system properties over the attach API, so that {@code attach} can tell
 * whether the agent is active there (the agent says so in {@link JvmMarks}) without relying on the
 * target's stderr, which the user running {@code attach} may not see.
 *
 * <p>The virtual machine type is the one Byte Buddy attaches with ({@code
 * com.sun.tools.attach.VirtualMachine}, or Byte Buddy's own emulation where {@code jdk.attach} is
 * missing); both have the same {@code attach}/{@code getSystemProperties}/{@code detach} methods.
 */
final class TargetJvm {

  private TargetJvm() {}

  /**
   * The target's system properties, or null when they cannot be read although the target may still
   * take the agent (no attach API here, or the JVM answered but not with its properties).
   *
   * @throws NotAttachable when the target refused the attach itself: loading the agent the same way
   *     would only wait out the same timeout again
   */
  static Properties systemProperties(String pid) throws NotAttachable {
    try {
      ByteBuddyAgent.AttachmentProvider.Accessor accessor =
          ByteBuddyAgent.AttachmentProvider.DEFAULT.attempt();
      if (!accessor.isAvailable()) {
        return null;
      }
      Class<?> type = accessor.getVirtualMachineType();
      Object machine;
      try {
        machine = type.getMethod("attach", String.class).invoke(null, pid);
      } catch (InvocationTargetException refused) {
        throw new NotAttachable(refused.getCause());
      }
      Method detach = type.getMethod("detach");
      try {
        return (Properties) type.getMethod("getSystemProperties").invoke(machine);
      } finally {
        detach.invoke(machine);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
      return null;
    }
  }

  /** The attach API could not connect to the target: not a JVM, or one that does not accept it. */
  static final class NotAttachable extends Exception {
    private static final long serialVersionUID = 1L;

    NotAttachable(Throwable reason) {
      super(reason);
    }
  }
}
