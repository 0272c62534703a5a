package io.rpainsights.agent.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rpainsights.agent.log.AgentLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code /metrics} endpoint: the official client's HTTP server over the agent's own registry,
 * bound to {@code prometheus.host:port} (127.0.0.1:9464 by default, so nothing is reachable from
 * other hosts unless the config says so). It also answers {@code /-/healthy}.
 *
 * <p>Its threads are daemons named {@value #THREAD_NAME} with the agent's class loader as context
 * loader, and the server's own dispatcher thread inherits their daemon status, so the endpoint
 * never keeps the application's JVM alive. A port that is taken or a host that does not resolve
 * gives one {@code [rpa-insights]} line and no endpoint; the application is unaffected.
 */
public final class PrometheusEndpoint implements AutoCloseable {

  static final String THREAD_NAME = "rpa-insights-prometheus";

  /** Two threads: a slow client cannot keep the next scrape waiting. */
  private static final int THREADS = 2;

  private static final List<String> SERVER_TIMEOUT_PROPERTIES =
      List.of("sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime");

  private static final String JDK_DEFAULT_TIME_LIMIT = "-1";

  private final HTTPServer server;
  private final String host;

  private PrometheusEndpoint(HTTPServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Starts serving {@code registry}; null (logged) when the address cannot be bound. Port 0 picks a
   * free port ({@link #port()}).
   */
  public static PrometheusEndpoint start(String host, int port, PrometheusRegistry registry) {
    ExecutorService executor = executor();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(PrometheusEndpoint.class.getClassLoader());
    List<String> neutralised = neutraliseServerTimeouts();
    try {
      HTTPServer server =
          HTTPServer.builder(PrometheusProperties.builder().build())
              .hostname(host)
              .port(port)
              .registry(registry)
              .executorService(executor)
              .buildAndStart();
      PrometheusEndpoint endpoint = new PrometheusEndpoint(server, host);
      AgentLog.info("prometheus: serving " + endpoint.url());
      return endpoint;
    } catch (Exception | LinkageError failed) {
      executor.shutdownNow();
      AgentLog.warn(
          "prometheus: cannot serve /metrics on "
              + host
              + ":"
              + port
              + " ("
              + AgentLog.describe(failed)
              + "); no endpoint, the application is unaffected (set prometheus.port to a free"
              + " port)");
      return null;
    } finally {
      restore(neutralised);
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * The client's HTTPServer sets the JDK server's request and response time limits (60 s, 600 s) as
   * system properties when it loads, unless they are set, and the JDK reads them once for every
   * {@code com.sun.net.httpserver} server of the JVM: the application's own servers would get the
   * limits too. Set to the JDK's default (-1, no limit) while ours starts, the JVM-wide
   * configuration stays what the application would have had, and {@link #restore} removes them.
   *
   * @return the properties set here
   */
  private static List<String> neutraliseServerTimeouts() {
    List<String> set = new ArrayList<>();
    for (String name : SERVER_TIMEOUT_PROPERTIES) {
      if (System.getProperty(name) == null) {
        System.setProperty(name, JDK_DEFAULT_TIME_LIMIT);
        set.add(name);
      }
    }
    return set;
  }

  private static void restore(List<String> neutralised) {
    for (String name : neutralised) {
      if (JDK_DEFAULT_TIME_LIMIT.equals(System.getProperty(name))) {
        System.clearProperty(name);
      }
    }
  }

  /** The port bound (the chosen one when the config said 0). */
  public int port() {
    return server.getPort();
  }

  /** {@code http://HOST:PORT/metrics}. */
  public String url() {
    String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "http://" + shown + ":" + port() + "/metrics";
  }

  /** Stops serving at once; in-flight scrapes are cut off. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (RuntimeException ignored) {
      // Shutting down anyway.
    }
  }

  private static ExecutorService executor() {
    AtomicInteger count = new AtomicInteger();
    ClassLoader agentLoader = PrometheusEndpoint.class.getClassLoader();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread t = new Thread(task, THREAD_NAME + "-" + count.incrementAndGet());
              t.setDaemon(true);
              t.setContextClassLoader(agentLoader);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
