package io.rpainsights.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.agent.config.AgentConfig;
import io.rpainsights.agent.config.Role;
import io.rpainsights.agent.config.Rule;
import io.rpainsights.agent.log.CapturedAgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StartupGateTest {

  private static final byte[] ORIGINAL = {1};
  private static final byte[] TRANSFORMED = {2};
  private static final ClassLoader APP = new ClassLoader() {};
  private static final ClassLoader AGENT = new ClassLoader() {};

  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();

  private static List<Rule> rules(String typePattern) {
    return AgentConfig.builder()
        .addRule(Rule.builder(Role.STEP, typePattern, "run"))
        .build()
        .rules();
  }

  /** A real transformer stand-in: marks every class it is given. */
  private static final ClassFileTransformer MARKING =
      new ClassFileTransformer() {
        @Override
        public byte[] transform(
            Module module,
            ClassLoader loader,
            String name,
            Class<?> redefined,
            java.security.ProtectionDomain domain,
            byte[] bytes) {
          return TRANSFORMED;
        }
      };

  private static CompletableFuture<byte[]> load(StartupGate gate, ClassLoader loader, String name) {
    return CompletableFuture.supplyAsync(
        () -> gate.transform(null, loader, name, null, null, ORIGINAL));
  }

  @Test
  void aClassARuleNamesWaitsForTheTransformerAndGetsIt() throws Exception {
    StartupGate gate = new StartupGate(rules("com.acme.Loop"), AGENT);
    CompletableFuture<byte[]> target = load(gate, APP, "com/acme/Loop");
    byte[] other = gate.transform(null, APP, "com/acme/Main", null, null, ORIGINAL);

    assertThat(other).as("an unrelated class loads at once, untouched").isNull();
    Thread.sleep(100); // give the waiting load every chance to (wrongly) finish early
    assertThat(target).isNotDone();
    gate.open(null, () -> MARKING);
    assertThat(target.get(10, TimeUnit.SECONDS)).isEqualTo(TRANSFORMED);
    assertThat(gate.transform(null, APP, "com/acme/Main", null, null, ORIGINAL))
        .as("once open, every class goes to the real transformer")
        .isEqualTo(TRANSFORMED);
  }

  @Test
  void theJdksExecutorsWaitButOtherJdkClassesDoNot() throws Exception {
    StartupGate gate = new StartupGate(rules("com.acme.Loop"), AGENT);
    CompletableFuture<byte[]> executor = load(gate, null, "java/util/concurrent/FutureTask");
    assertThat(gate.transform(null, null, "java/util/ArrayList", null, null, ORIGINAL)).isNull();
    Thread.sleep(100);
    assertThat(executor).isNotDone();
    gate.open(null, () -> MARKING);
    assertThat(executor.get(10, TimeUnit.SECONDS)).isEqualTo(TRANSFORMED);
  }

  @Test
  void withASubtypeRuleEveryApplicationClassWaitsButTheAgentsOwnDoNot() throws Exception {
    StartupGate gate = new StartupGate(rules("com.acme.Node+"), AGENT);
    CompletableFuture<byte[]> anyAppClass = load(gate, APP, "org/other/Thing");
    assertThat(gate.transform(null, AGENT, "org/other/Thing", null, null, ORIGINAL)).isNull();
    Thread.sleep(100);
    assertThat(anyAppClass).isNotDone();
    gate.open(null, () -> MARKING);
    assertThat(anyAppClass.get(10, TimeUnit.SECONDS)).isEqualTo(TRANSFORMED);
  }

  @Test
  void theBuilderThreadNeverWaitsForItself() throws Exception {
    StartupGate gate = new StartupGate(rules("com.acme.Loop"), AGENT);
    CountDownLatch built = new CountDownLatch(1);
    byte[][] seenByBuilder = new byte[1][];
    gate.install(
        (java.lang.instrument.Instrumentation)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {java.lang.instrument.Instrumentation.class},
                (proxy, method, arguments) -> null), // only addTransformer is called
        () -> {
          // Byte Buddy loading a class that the gate would hold back from anyone else.
          seenByBuilder[0] = gate.transform(null, APP, "com/acme/Loop", null, null, ORIGINAL);
          built.countDown();
          return MARKING;
        });
    assertThat(built.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seenByBuilder[0]).isNull();
  }

  @Test
  void theAgentsOwnStartThreadLoadsExecutorTypesAtOnceAndCatchesUpOnThemOnceReady()
      throws Exception {
    StartupGate gate = new StartupGate(rules("com.acme.Loop"), AGENT);
    CompletableFuture<byte[]> seen = new CompletableFuture<>();
    Thread store =
        new Thread(
            () ->
                seen.complete(
                    gate.transform(
                        null,
                        null,
                        "java/util/concurrent/ThreadPoolExecutor",
                        null,
                        null,
                        ORIGINAL)));
    gate.neverHoldBack(store);
    store.start();
    assertThat(seen.get(10, TimeUnit.SECONDS))
        .as("loads at once, untouched, while not ready")
        .isNull();
    assertThat(load(gate, null, "java/util/concurrent/ThreadPoolExecutor"))
        .as("any other thread still waits for it")
        .isNotDone();

    List<List<Class<?>>> retransformed = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.lang.instrument.Instrumentation instrumentation =
        (java.lang.instrument.Instrumentation)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {java.lang.instrument.Instrumentation.class},
                (proxy, method, arguments) -> {
                  switch (method.getName()) {
                    case "getAllLoadedClasses":
                      return new Class<?>[] {
                        java.util.concurrent.ThreadPoolExecutor.class, java.util.ArrayList.class
                      };
                    case "retransformClasses":
                      retransformed.add(List.of((Class<?>[]) arguments[0]));
                      return null;
                    default:
                      return null;
                  }
                });
    gate.catchUp(instrumentation);
    assertThat(retransformed).as("not ready: the builder's own pass will do it").isEmpty();

    gate.open(instrumentation, () -> MARKING);
    retransformed.clear();
    gate.catchUp(instrumentation);
    assertThat(retransformed)
        .as("ready: the executor types loaded meanwhile are instrumented")
        .containsExactly(List.of(java.util.concurrent.ThreadPoolExecutor.class));
  }

  @Test
  void aFailedBuildReleasesWaitingClassesUntouchedWithOneLine() throws Exception {
    StartupGate gate = new StartupGate(rules("com.acme.Loop"), AGENT);
    CompletableFuture<byte[]> target = load(gate, APP, "com/acme/Loop");
    gate.open(
        null,
        () -> {
          throw new IllegalStateException("no Byte Buddy today");
        });
    assertThat(target.get(10, TimeUnit.SECONDS)).isNull();
    assertThat(log.lines()).hasSize(1);
    assertThat(log.text()).contains("nothing is instrumented");
  }
}
