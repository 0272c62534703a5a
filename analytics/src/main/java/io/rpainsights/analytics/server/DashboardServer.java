package io.rpainsights.analytics.server;

import com.sun.net.httpserver.HttpServer;
import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.store.InvalidInputException;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code rpa-insights serve}: the JSON API, the live event stream and the dashboard over one store
 * (DESIGN.md, "HTTP"), on the JDK's own HTTP server.
 *
 * <p>One {@link Analytics} serves every request, so the engine's cache is shared; the dashboard's
 * first answer is computed before the server starts listening and kept ahead of expiry ({@link
 * HeadlineCache}). Requests run on a small fixed pool; when its queue is full the accepting thread
 * answers the request itself, which slows accepting instead of dropping connections. Live streams
 * have threads of their own, at most {@link ServerConfig#maxStreams()}.
 */
public final class DashboardServer implements AutoCloseable {
  private static final int BACKLOG = 64;
  private static final int QUEUED_REQUESTS = 128;
  private static final long DRAIN_MILLIS = 2000;
  private static final InetAddress IPV4_LOOPBACK = addressOf(new byte[] {127, 0, 0, 1});
  private static final InetAddress IPV6_LOOPBACK =
      addressOf(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

  private final Analytics analytics;
  private final HttpServer http;
  private final ThreadPoolExecutor requests;
  private final ScheduledExecutorService warmer;
  private final LiveHub hub;
  private final RequestHandler handler;
  private final URI uri;
  private final InetAddress address;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicInteger closing = new AtomicInteger();

  private DashboardServer(
      Analytics analytics,
      HttpServer http,
      ThreadPoolExecutor requests,
      ScheduledExecutorService warmer,
      LiveHub hub,
      RequestHandler handler,
      URI uri,
      InetAddress address) {
    this.analytics = analytics;
    this.http = http;
    this.requests = requests;
    this.warmer = warmer;
    this.hub = hub;
    this.handler = handler;
    this.uri = uri;
    this.address = address;
  }

  /**
   * Opens the store, computes the dashboard's first answer and starts listening.
   *
   * @throws InvalidInputException when the store cannot be opened, the host not resolved or the
   *     port not bound (a user error, reported as one line)
   */
  public static DashboardServer start(ServerConfig config) {
    InetAddress address;
    try {
      address = InetAddress.getByName(config.host());
    } catch (UnknownHostException e) {
      throw new InvalidInputException("cannot resolve host '" + config.host() + "'");
    }
    Assets assets = Assets.load();
    Analytics analytics = Analytics.open(config.db(), config.clock());
    HttpServer http = null;
    ThreadPoolExecutor requests = null;
    ScheduledExecutorService warmer = null;
    LiveHub hub = null;
    try {
      ErrorLog log = new ErrorLog(config.err(), config.debug());
      // A skipped save of baselines or rollup days (store's write lock held): one line an incident.
      analytics.store().reportNoticesTo(log::notice);
      hub =
          new LiveHub(
              analytics,
              config.clock(),
              config.livePoll(),
              config.heartbeat(),
              config.maxStreams(),
              log);
      // Warm-up, in this order: anomaly detection may write baselines, which invalidates what
      // was cached before it.
      hub.prime();
      HeadlineCache headlines = new HeadlineCache(analytics, config.clock());
      headlines.refresh();
      // Jackson builds a record's serialiser on first use (tens of ms): not in the first answer.
      Json.write(headlines.get());
      Json.write(analytics.live().running());
      Json.write(Map.of("error", ""));

      try {
        http = HttpServer.create(new InetSocketAddress(address, config.port()), BACKLOG);
      } catch (BindException e) {
        throw new InvalidInputException(
            "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
      }
      requests =
          new ThreadPoolExecutor(
              config.threads(),
              config.threads(),
              0,
              TimeUnit.MILLISECONDS,
              new ArrayBlockingQueue<>(QUEUED_REQUESTS),
              threads("rpa-insights-http"),
              new ThreadPoolExecutor.CallerRunsPolicy());
      TokenAuth auth = config.token() == null ? TokenAuth.none() : TokenAuth.of(config.token());
      RequestHandler handler =
          new RequestHandler(
              new Api(analytics, headlines),
              assets,
              hub,
              auth,
              new HostCheck(address, config.host()),
              log);
      http.createContext("/", handler);
      http.setExecutor(requests);

      warmer = Executors.newSingleThreadScheduledExecutor(threads("rpa-insights-warm"));
      warmer.scheduleWithFixedDelay(
          () -> {
            try {
              headlines.refresh();
            } catch (RuntimeException e) {
              log.backgroundFailed("keeping the dashboard's figures warm", e);
            }
          },
          1,
          1,
          TimeUnit.SECONDS);
      hub.start();
      http.start();
      URI uri = uri(address, http.getAddress().getPort());
      return new DashboardServer(analytics, http, requests, warmer, hub, handler, uri, address);
    } catch (IOException e) {
      shutdown(http, requests, warmer, hub, analytics);
      throw new InvalidInputException("cannot start the server: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      shutdown(http, requests, warmer, hub, analytics);
      throw e;
    }
  }

  /**
   * Where the dashboard is, as a browser on this machine opens it, e.g. {@code
   * http://127.0.0.1:8080/} or {@code http://[::1]:8080/}; a server on every interface gives its
   * loopback address.
   */
  public URI uri() {
    return uri;
  }

  /** Whether the server listens on every interface ({@code --host 0.0.0.0} or {@code ::}). */
  public boolean listensOnAllInterfaces() {
    return address.isAnyLocalAddress();
  }

  public int port() {
    return uri.getPort();
  }

  /** How many live streams are open (for tests and diagnostics). */
  public int openStreams() {
    return hub.openStreams();
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /**
   * Stops cleanly: new requests get 503, live streams end, requests in progress get up to two
   * seconds to finish, then the socket closes, the threads end and the store is closed. Safe to
   * call more than once and from a shutdown hook.
   */
  @Override
  public void close() {
    if (closing.getAndIncrement() > 0) {
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      handler.stop();
      hub.close();
      try {
        handler.awaitIdle(DRAIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      shutdown(http, requests, warmer, null, analytics);
    } finally {
      closed.countDown();
    }
  }

  private static void shutdown(
      HttpServer http,
      ThreadPoolExecutor requests,
      ScheduledExecutorService warmer,
      LiveHub hub,
      Analytics analytics) {
    if (hub != null) {
      hub.close();
    }
    if (http != null) {
      http.stop(0);
    }
    if (warmer != null) {
      warmer.shutdownNow();
    }
    try {
      if (requests != null) {
        requests.shutdown();
        if (!requests.awaitTermination(2, TimeUnit.SECONDS)) {
          requests.shutdownNow();
        }
      }
      if (warmer != null) {
        warmer.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      analytics.close();
    }
  }

  /**
   * The URL of a server bound to {@code address}: the address as a browser writes it (and sends it
   * back as {@code Host}, which {@link HostCheck} accepts). The wildcard address is where a server
   * listens, not one a browser can open: the loopback address of its family reaches it from here.
   */
  static URI uri(InetAddress address, int port) {
    InetAddress shown = address;
    if (address.isAnyLocalAddress()) {
      shown = address instanceof Inet6Address ? IPV6_LOOPBACK : IPV4_LOOPBACK;
    }
    return URI.create("http://" + IpLiterals.uriHost(shown) + ":" + port + "/");
  }

  private static InetAddress addressOf(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes); // no lookup: the bytes are the address
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are an address", e);
    }
  }

  /** Daemon threads named {@code prefix-N}: a forgotten server never keeps the JVM alive. */
  static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
