package io.rpainsights.agent.instrument;

import io.rpainsights.agent.config.Rule;
import io.rpainsights.agent.config.TypePattern;
import io.rpainsights.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets the application's {@code main()} start while Byte Buddy — about half a second of class
 * loading and cold code on a small machine — builds the real transformer on a background thread,
 * without ever missing a class.
 *
 * <p>The gate is the agent's registered transformer from premain on. Until the real transformer is
 * ready, a class that a rule might match — by its name, or any application class when a {@code +}
 * rule exists (a name alone does not show the hierarchy) — and the JDK's executor types wait for
 * it; every other class loads untouched and at once. Once ready, the gate hands every class file to
 * the real transformer. It uses nothing but the JDK and the config's name patterns, so installing
 * it costs next to nothing.
 *
 * <p>Threading: {@link #transform} runs on any class-loading thread. {@link #delegate} is written
 * once by the builder thread before {@link #ready} is counted down, and read after it (or racily,
 * as a fast path, through the volatile field). The builder thread itself never waits for itself:
 * what it loads passes untouched, and {@link #open} retransforms the executor types afterwards.
 * Neither do the agent's own threads given to {@link #neverHoldBack} wait for the JDK's executor
 * types: the store's start-up loads them (sqlite-jdbc runs {@code uname}, and the JDK's process
 * support makes a thread pool), and it should not wait half a second for Byte Buddy. Such a thread
 * calls {@link #catchUp} once its loading is done: whichever of that and the builder's own pass
 * comes later sees those classes loaded and retransforms them.
 */
public final class StartupGate implements ClassFileTransformer {

  /** Longer than any build seen; past it, a waiting class loads uninstrumented (logged). */
  private static final long READY_TIMEOUT_SECONDS = 60;

  private final List<TypePattern> namePatterns = new ArrayList<>();
  private final boolean anySubtypeRule;
  private final ClassLoader agentLoader;
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile ClassFileTransformer delegate;
  private volatile Thread builder;
  private final Set<Thread> agentThreads = ConcurrentHashMap.newKeySet();

  /** Executor types (binary names) that an agent thread loaded untouched before ready. */
  private final Set<String> passedUntouched = ConcurrentHashMap.newKeySet();

  public StartupGate(List<Rule> rules, ClassLoader agentLoader) {
    boolean subtypes = false;
    for (Rule rule : rules) {
      namePatterns.add(rule.type());
      subtypes |= rule.type().includesSubtypes();
    }
    this.anySubtypeRule = subtypes;
    this.agentLoader = agentLoader;
  }

  /**
   * Registers the gate and starts building the real transformer on a daemon thread named {@code
   * rpa-insights-instrument}.
   */
  public void install(Instrumentation instrumentation, Supplier<ClassFileTransformer> build) {
    instrumentation.addTransformer(this, true);
    Thread thread = new Thread(() -> open(instrumentation, build), "rpa-insights-instrument");
    thread.setDaemon(true);
    builder = thread;
    thread.start();
  }

  /**
   * Lets {@code thread}, one of the agent's own, load the JDK's executor types without waiting for
   * the transformer; it must call {@link #catchUp} after that loading.
   */
  public void neverHoldBack(Thread thread) {
    agentThreads.add(thread);
  }

  /**
   * Instruments the executor types that an agent thread loaded untouched, if the transformer is
   * ready; if it is not, the builder does so when it is (those classes are loaded by then).
   */
  public void catchUp(Instrumentation instrumentation) {
    agentThreads.remove(Thread.currentThread());
    if (ready.getCount() == 0 && delegate != null && !passedUntouched.isEmpty()) {
      retransformExecutorTypes(instrumentation, passedUntouched);
    }
  }

  /** An executor type an agent thread loads before ready: let it through and remember it. */
  private boolean passesUntouched(ClassLoader loader, String internalName) {
    if (loader != null || !agentThreads.contains(Thread.currentThread())) {
      return false;
    }
    passedUntouched.add(internalName.replace('/', '.'));
    return true;
  }

  /** Builds the real transformer, lets waiting classes through it, and catches up on the JDK's. */
  void open(Instrumentation instrumentation, Supplier<ClassFileTransformer> build) {
    try {
      delegate = build.get();
    } catch (Throwable error) {
      AgentLog.error("the instrumentation could not be prepared; nothing is instrumented", error);
    } finally {
      ready.countDown();
    }
    if (delegate != null && instrumentation != null) {
      retransformExecutorTypes(instrumentation, ExecutorTypes.ALL);
    }
  }

  /** Retransforms the loaded JDK executor types among {@code names} (binary names). */
  private static void retransformExecutorTypes(Instrumentation instrumentation, Set<String> names) {
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.getClassLoader() == null && names.contains(type.getName())) {
        loaded.add(type);
      }
    }
    if (!loaded.isEmpty()) {
      try {
        instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
      } catch (Throwable error) {
        AgentLog.error(
            "the JDK's executors could not be instrumented (no context propagation)", error);
      }
    }
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    ClassFileTransformer real = delegate;
    if (real == null) {
      if (internalName == null
          || !mayNeedAdvice(loader, internalName)
          || Thread.currentThread() == builder
          || passesUntouched(loader, internalName)
          || !awaitReady(internalName)) {
        return null;
      }
      real = delegate;
      if (real == null) {
        return null;
      }
    }
    try {
      return real.transform(
          module, loader, internalName, classBeingRedefined, protectionDomain, classFile);
    } catch (Throwable error) {
      // Byte Buddy reports its own failures; this is the last guard for the host.
      return null;
    }
  }

  private boolean mayNeedAdvice(ClassLoader loader, String internalName) {
    if (loader == agentLoader) {
      return false;
    }
    String name = internalName.replace('/', '.');
    if (loader == null) {
      return ExecutorTypes.ALL.contains(name);
    }
    if (anySubtypeRule) {
      return true;
    }
    for (TypePattern pattern : namePatterns) {
      if (pattern.matches(name)) {
        return true;
      }
    }
    return false;
  }

  private boolean awaitReady(String internalName) {
    try {
      if (ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        return true;
      }
      AgentLog.warnOnce(
          "gate timeout",
          "the instrumentation was not ready within "
              + READY_TIMEOUT_SECONDS
              + " s; "
              + internalName.replace('/', '.')
              + " and classes loading meanwhile are not instrumented");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
