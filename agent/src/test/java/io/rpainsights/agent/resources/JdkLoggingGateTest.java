package io.rpainsights.agent.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class JdkLoggingGateTest {

  /** An Instrumentation whose bootstrap loader has initiated exactly {@code classes}. */
  private static Instrumentation withBootstrapClasses(Class<?>... classes) {
    return (Instrumentation)
        Proxy.newProxyInstance(
            JdkLoggingGateTest.class.getClassLoader(),
            new Class<?>[] {Instrumentation.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getInitiatedClasses") && args[0] == null) {
                return classes;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void closedUntilALogManagerWasCreated() throws Exception {
    long now = System.nanoTime();
    // The LogManager class alone is loaded early by the JDK's management code: not enough.
    Class<?> logManager = Class.forName("java.util.logging.LogManager", false, null);
    assertThat(new JdkLoggingGate(withBootstrapClasses(logManager), now, 60_000).getAsBoolean())
        .isFalse();
    Class<?> created = Class.forName(JdkLoggingGate.LOG_MANAGER_CREATED, false, null);
    assertThat(
            new JdkLoggingGate(withBootstrapClasses(logManager, created), now, 60_000)
                .getAsBoolean())
        .isTrue();
  }

  @Test
  void opensAfterTheLongestWaitWhateverIsLoaded() {
    long longAgo = System.nanoTime() - 61_000_000_000L;
    assertThat(new JdkLoggingGate(withBootstrapClasses(), longAgo, 60_000).getAsBoolean()).isTrue();
  }
}
