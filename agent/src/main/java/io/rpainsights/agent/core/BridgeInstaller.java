package io.rpainsights.agent.core;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Makes the {@code io.rpainsights.agent.bootstrap} bridge visible to every class loader, as advice
 * inlined into application classes requires, by defining its classes in the bootstrap loader.
 *
 * <p>The textbook way, {@code Instrumentation.appendToBootstrapClassLoaderSearch}, has a visible
 * side effect: the JVM then turns class-data sharing off for every loader but the bootstrap one and
 * prints "Sharing is only supported for boot loader classes because bootstrap classpath has been
 * appended" on the application's stderr. So the bridge's few classes are defined directly through
 * the JDK's internal {@code Unsafe.defineClass}, whose package is opened to the agent's own module
 * only (never to the application's). If that is not possible on some JVM, the agent falls back to
 * appending the jar.
 *
 * <p>Must run before any agent class resolves a bridge class: this class names none of them.
 */
final class BridgeInstaller {

  private static final String BRIDGE_PACKAGE = "io/rpainsights/agent/bootstrap/";

  private BridgeInstaller() {}

  static void install(Instrumentation instrumentation, File agentJar) throws IOException {
    try (JarFile jar = new JarFile(agentJar)) {
      try {
        defineInBootstrapLoader(instrumentation, bridgeClasses(jar));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(agentJar));
      }
    }
  }

  private static void defineInBootstrapLoader(
      Instrumentation instrumentation, List<ClassFile> classes)
      throws ReflectiveOperationException {
    Module javaBase = Object.class.getModule();
    Module agent = BridgeInstaller.class.getModule();
    instrumentation.redefineModule(
        javaBase,
        Set.of(),
        Map.of(),
        Map.of("jdk.internal.misc", Set.of(agent)),
        Set.of(),
        Map.of());
    Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define =
        unsafeType.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            ProtectionDomain.class);
    for (ClassFile type : classes) {
      define.invoke(unsafe, type.name, type.bytes, 0, type.bytes.length, null, null);
    }
  }

  private static List<ClassFile> bridgeClasses(JarFile jar) throws IOException {
    List<ClassFile> classes = new ArrayList<>();
    Enumeration<JarEntry> entries = jar.entries();
    while (entries.hasMoreElements()) {
      JarEntry entry = entries.nextElement();
      String name = entry.getName();
      if (name.startsWith(BRIDGE_PACKAGE) && name.endsWith(".class")) {
        try (InputStream in = jar.getInputStream(entry)) {
          classes.add(
              new ClassFile(
                  name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                  in.readAllBytes()));
        }
      }
    }
    if (classes.isEmpty()) {
      throw new IOException(agentJarName(jar) + " holds no bridge classes");
    }
    return classes;
  }

  private static String agentJarName(JarFile jar) {
    return new File(jar.getName()).getName();
  }

  private static final class ClassFile {
    final String name;
    final byte[] bytes;

    ClassFile(String name, byte[] bytes) {
      this.name = name;
      this.bytes = bytes;
    }
  }
}
