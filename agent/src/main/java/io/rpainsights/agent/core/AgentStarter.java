package io.rpainsights.agent.core;

import io.rpainsights.agent.bootstrap.Bridge;
import io.rpainsights.agent.config.AgentConfig;
import io.rpainsights.agent.config.ConfigLoader;
import io.rpainsights.agent.log.AgentLog;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Paths;
import java.util.jar.JarFile;
import net.bytebuddy.ClassFileVersion;

/**
 * The agent's start inside its isolated class loader, called reflectively by the launcher: load the
 * config, then hand over to {@link AgentRuntime}. Any failure leaves one {@code [rpa-insights]}
 * line and an application that runs exactly as without the agent.
 */
public final class AgentStarter {

  private AgentStarter() {}

  public static void start(
      String agentArguments, Instrumentation instrumentation, boolean attached, File agentJar) {
    boolean claimed = false;
    boolean runtimeStarting = false;
    try {
      if (!bridgeIsInstalled()) {
        BridgeInstaller.install(instrumentation, agentJar);
      }
      if (!Bridge.claimInstallation()) {
        AgentLog.warn("the agent is already active in this JVM; this second start is ignored");
        return;
      }
      claimed = true;
      ConfigLoader.Result loaded =
          ConfigLoader.load(
              agentArguments,
              System.getProperties(),
              System.getenv(),
              Paths.get("").toAbsolutePath());
      for (String warning : loaded.warnings()) {
        AgentLog.warn(warning);
      }
      AgentConfig config = loaded.config();
      if (config == null) {
        AgentLog.warn(loaded.fatal());
        return;
      }
      AgentLog.setDebug(config.debug());
      if (!config.enabled()) {
        AgentLog.info("disabled by " + config.source() + " (enabled: false); nothing is recorded");
        return;
      }
      warnIfJavaIsTooNew();
      String version = version(agentJar);
      AgentRuntime runtime = new AgentRuntime(config, version);
      runtimeStarting = true;
      runtime.start(instrumentation, attached);
      JvmMarks.mark(JvmMarks.ACTIVE, version);
    } catch (Throwable error) {
      AgentLog.error(
          "the agent could not start and is inactive; the application runs without it", error);
    } finally {
      // Nothing is installed until the runtime starts: a start that stopped before (a config
      // error, enabled: false) gives the JVM back, so that a later attach with a fixed config
      // works.
      if (claimed && !runtimeStarting) {
        releaseClaim();
      }
    }
  }

  private static void releaseClaim() {
    try {
      Bridge.releaseInstallation();
    } catch (Throwable olderBridge) {
      // A bridge of an older agent jar, already in this JVM, cannot give the claim back.
    }
  }

  /** True when an earlier start (a second attach) already put the bridge in place. */
  private static boolean bridgeIsInstalled() {
    try {
      Class.forName("io.rpainsights.agent.bootstrap.Bridge", false, null);
      return true;
    } catch (ClassNotFoundException absent) {
      return false;
    }
  }

  private static String version(File agentJar) {
    try (JarFile jar = new JarFile(agentJar)) {
      String version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
      return version == null ? "dev" : version;
    } catch (IOException | RuntimeException unreadable) {
      return "dev";
    }
  }

  /** FIELD-NOTES 7: a Byte Buddy older than the JVM instruments nothing; say so once. */
  private static void warnIfJavaIsTooNew() {
    ClassFileVersion latest = ClassFileVersion.latest();
    ClassFileVersion running = ClassFileVersion.ofThisVm(latest);
    if (running.isGreaterThan(latest) && !Boolean.getBoolean("net.bytebuddy.experimental")) {
      AgentLog.warn(
          "Java "
              + running.getJavaVersion()
              + " is newer than the bundled Byte Buddy supports (up to Java "
              + latest.getJavaVersion()
              + "); classes may not be instrumented. -Dnet.bytebuddy.experimental=true tries anyway");
    }
  }
}
