package io.rpainsights.agent.resources;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Whether the sampler may load JNA (OSHI, NVML) yet. JNA's first use calls {@code
 * Logger.getLogger}, which creates {@code java.util.logging}'s LogManager, and the LogManager is
 * chosen once, from {@code java.util.logging.manager} as set at that moment: loading JNA before an
 * application that sets that property itself (JBoss LogManager, log4j-jul and the like, often
 * seconds into its start-up) would silently keep the JDK's manager. So JNA waits until something
 * else has created the LogManager — then the choice is made — or, for applications that never use
 * java.util.logging, until {@link #LONGEST_WAIT_MS} after the agent started. On Linux the JDK probe
 * serves every figure but the GPU's meanwhile.
 *
 * <p>No API tells whether a class is initialised without initialising it, and the LogManager class
 * itself is loaded (not initialised) early by the JDK's management code. What is loaded only once a
 * manager exists is its shutdown hook's class, {@code LogManager$Cleaner}, which the LogManager
 * constructor creates (Java 11 to 25). Should a later JDK change that, the longest wait still
 * applies. Called by the sampler thread once per tick until it says yes; a look is one scan of the
 * bootstrap loader's classes (a few milliseconds).
 */
final class JdkLoggingGate implements BooleanSupplier {

  static final long LONGEST_WAIT_MS = TimeUnit.MINUTES.toMillis(1);

  /** Loaded when a LogManager is constructed (its shutdown hook). */
  static final String LOG_MANAGER_CREATED = "java.util.logging.LogManager$Cleaner";

  private final Instrumentation instrumentation;
  private final long deadlineNanos;

  JdkLoggingGate(Instrumentation instrumentation, long startedNanos, long longestWaitMs) {
    this.instrumentation = instrumentation;
    this.deadlineNanos = startedNanos + TimeUnit.MILLISECONDS.toNanos(longestWaitMs);
  }

  @Override
  public boolean getAsBoolean() {
    if (System.nanoTime() - deadlineNanos >= 0) {
      return true;
    }
    // java.logging's classes are the bootstrap loader's.
    for (Class<?> loaded : instrumentation.getInitiatedClasses(null)) {
      if (loaded.getName().equals(LOG_MANAGER_CREATED)) {
        return true;
      }
    }
    return false;
  }
}
