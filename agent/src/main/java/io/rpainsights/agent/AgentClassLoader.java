package io.rpainsights.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The agent's isolated class loader: it defines the agent's implementation and every library it
 * bundles (Byte Buddy, Jackson, sqlite-jdbc, OSHI, JNA, the Prometheus client) from the jar's
 * {@code inst/} entries, stored with a {@code .classdata} suffix where no application class loader
 * or class-path scanner looks.
 *
 * <p>Its parent is the platform class loader, not the bootstrap loader, because {@code java.sql}
 * and {@code com.sun.net.httpserver} live there. Loading is parent-first, so the bootstrap bridge
 * resolves to the one copy that inlined advice sees too. Native libraries (sqlite-jdbc, JNA) are
 * loaded exactly once, by this loader, so they never meet the application's own copies.
 *
 * <p>Resources are served under their ordinary names ({@code X.class} maps to {@code
 * inst/X.classdata}) because Byte Buddy reads advice byte code through {@code getResource}, and
 * sqlite-jdbc and JNA find their native libraries the same way. Multi-release entries ({@code
 * META-INF/versions/N/}) are honoured for the running Java version.
 */
final class AgentClassLoader extends ClassLoader {

  private static final String PREFIX = "inst/";
  private static final String VERSIONS = "META-INF/versions/";

  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain protectionDomain;

  /** The multi-release versions present in the jar that apply here, newest first. */
  private final int[] releaseVersions;

  AgentClassLoader(JarFile jar, ClassLoader parent) throws MalformedURLException {
    super("rpa-insights", parent);
    this.jar = jar;
    URL location = new File(jar.getName()).toURI().toURL();
    this.jarUrl = "jar:" + location + "!/";
    this.protectionDomain =
        new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
    this.releaseVersions = applicableReleaseVersions(jar);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = entry(name.replace('.', '/') + ".classdata");
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    definePackageFor(name);
    return defineClass(name, bytes, 0, bytes.length, protectionDomain);
  }

  @Override
  protected URL findResource(String name) {
    String inner =
        name.endsWith(".class") ? name.substring(0, name.length() - 6) + ".classdata" : name;
    JarEntry entry = entry(inner);
    if (entry == null) {
      return null;
    }
    try {
      return new URL(jarUrl + entry.getName());
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null
        ? Collections.emptyEnumeration()
        : Collections.enumeration(java.util.List.of(url));
  }

  private JarEntry entry(String path) {
    for (int version : releaseVersions) {
      JarEntry versioned = jar.getJarEntry(PREFIX + VERSIONS + version + "/" + path);
      if (versioned != null) {
        return versioned;
      }
    }
    return jar.getJarEntry(PREFIX + path);
  }

  private void definePackageFor(String className) {
    int dot = className.lastIndexOf('.');
    if (dot < 0) {
      return;
    }
    String packageName = className.substring(0, dot);
    if (getDefinedPackage(packageName) == null) {
      try {
        definePackage(packageName, null, null, null, null, null, null, null);
      } catch (IllegalArgumentException raced) {
        // Another thread defined it first: fine.
      }
    }
  }

  private static int[] applicableReleaseVersions(JarFile jar) {
    int feature = Runtime.version().feature();
    int[] found = new int[feature];
    int count = 0;
    for (int version = feature; version >= 9; version--) {
      if (jar.getJarEntry(PREFIX + VERSIONS + version + "/") != null) {
        found[count++] = version;
      }
    }
    return java.util.Arrays.copyOf(found, count);
  }
}
