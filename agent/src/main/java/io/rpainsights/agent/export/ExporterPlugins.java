package io.rpainsights.agent.export;

import io.rpainsights.agent.log.AgentLog;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link MetricsExporter} plugins of {@code exporters.plugins}: each entry is a jar, or a
 * directory whose {@code *.jar} files are all taken (in name order). All of them share one {@link
 * URLClassLoader} whose parent is the agent's own class loader, so a plugin sees the SPI (and may
 * ship its dependencies as further jars) while the application never sees the plugin. Providers
 * come from {@link ServiceLoader}. A missing entry, an unreadable jar or a provider that cannot be
 * instantiated costs one {@code [rpa-insights]} line and is skipped; the others load.
 */
public final class ExporterPlugins {

  /** Guards against a ServiceLoader iterator that keeps failing without advancing. */
  private static final int MAX_PROVIDER_ERRORS = 100;

  private final List<MetricsExporter> exporters;
  private final ClassLoader loader;

  private ExporterPlugins(List<MetricsExporter> exporters, ClassLoader loader) {
    this.exporters = Collections.unmodifiableList(exporters);
    this.loader = loader;
  }

  /** Loads the plugins of {@code entries}; never throws. */
  public static ExporterPlugins load(List<Path> entries) {
    List<URL> jars = new ArrayList<>();
    for (Path entry : entries) {
      collectJars(entry, jars);
    }
    if (jars.isEmpty()) {
      return new ExporterPlugins(new ArrayList<>(), MetricsExporter.class.getClassLoader());
    }
    URLClassLoader loader =
        new URLClassLoader(
            "rpa-insights-exporters",
            jars.toArray(new URL[0]),
            MetricsExporter.class.getClassLoader());
    List<MetricsExporter> found = new ArrayList<>();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Iterator<MetricsExporter> providers =
          ServiceLoader.load(MetricsExporter.class, loader).iterator();
      int errors = 0;
      while (errors < MAX_PROVIDER_ERRORS) {
        try {
          if (!providers.hasNext()) {
            break;
          }
          found.add(providers.next());
        } catch (ServiceConfigurationError | LinkageError | RuntimeException broken) {
          errors++;
          AgentLog.error("exporters.plugins: an exporter could not be loaded, skipped", broken);
        }
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
    if (found.isEmpty()) {
      AgentLog.warn(
          "exporters.plugins: no "
              + MetricsExporter.class.getName()
              + " provider found in "
              + jars
              + " (a plugin lists its class in META-INF/services/"
              + MetricsExporter.class.getName()
              + ")");
    }
    return new ExporterPlugins(found, loader);
  }

  /** The exporters found, in the order ServiceLoader gave them. */
  public List<MetricsExporter> exporters() {
    return exporters;
  }

  /** The loader the plugins were defined by (their threads' context class loader). */
  public ClassLoader loader() {
    return loader;
  }

  private static void collectJars(Path entry, List<URL> jars) {
    try {
      if (Files.isDirectory(entry)) {
        List<Path> inDirectory = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(entry, "*.jar")) {
          for (Path file : files) {
            if (Files.isRegularFile(file)) {
              inDirectory.add(file);
            }
          }
        }
        Collections.sort(inDirectory);
        for (Path file : inDirectory) {
          jars.add(toUrl(file));
        }
        if (inDirectory.isEmpty()) {
          AgentLog.warn("exporters.plugins: no .jar file in directory " + entry + "; skipped");
        }
      } else if (Files.isRegularFile(entry) && Files.isReadable(entry)) {
        jars.add(toUrl(entry));
      } else {
        AgentLog.warn("exporters.plugins: " + entry + " is not a readable jar file; skipped");
      }
    } catch (IOException | RuntimeException unreadable) {
      AgentLog.error("exporters.plugins: cannot read " + entry + "; skipped", unreadable);
    }
  }

  private static URL toUrl(Path file) throws MalformedURLException {
    return file.toAbsolutePath().toUri().toURL();
  }
}
