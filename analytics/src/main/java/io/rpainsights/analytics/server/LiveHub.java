package io.rpainsights.analytics.server;

import com.sun.net.httpserver.HttpExchange;
import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.anomaly.Anomaly;
import io.rpainsights.analytics.engine.anomaly.AnomalyQuery;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.store.TimeRange;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events for {@code /api/live/stream}. One poller thread reads the store's data version
 * every poll interval (cheap: a pragma on one connection). When it moved, it reads the running
 * executions once for all clients and pushes them as a {@code live} event if they changed; progress
 * also moves with time, so it reads them at least once in {@link #SLOW_TICKS} polls too. After data
 * changed it runs the anomaly detector over the last hour, at most once in {@link #SLOW_TICKS}
 * polls, and pushes each anomaly it has not seen before as an {@code anomaly} event. Anomalies
 * present when the server starts are known already (the dashboard loads them from {@code
 * /api/anomalies}).
 *
 * <p>Threads: the poller owns every field not marked otherwise; each client has a writer thread of
 * its own ({@link SseClient}), at most {@code maxStreams} of them.
 */
final class LiveHub implements AutoCloseable {
  /** Live progress is re-read, and anomalies re-checked, at most once in this many polls. */
  static final int SLOW_TICKS = 5;

  static final Duration ANOMALY_WINDOW = Duration.ofHours(1);

  /** The anomaly query whose answer is watched (also the dashboard's, so it shares the cache). */
  static final AnomalyQuery ANOMALIES = AnomalyQuery.of(null, TimeRange.last(ANOMALY_WINDOW));

  private final Analytics analytics;
  private final Clock clock;
  private final Duration poll;
  private final long slowNanos;
  private final Duration heartbeat;
  private final ErrorLog log;
  // One permit per open stream, released exactly once: by the stream's onEnd (its writer's
  // finally), or in stream() when the writer never started. A client that left is found only by
  // a failed write, so its permit comes back within two heartbeats (ServerConfig#heartbeat).
  private final Semaphore slots;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService poller;
  private final ThreadPoolExecutor writers;

  private long dataVersion = Long.MIN_VALUE;
  private long liveReadAt;
  private String lastLive;
  private long anomalyVersion = Long.MIN_VALUE;
  private long anomaliesReadAt;
  private boolean seeded;
  private final Map<AnomalyKey, Long> seen = new HashMap<>(); // → startedAt (ms)

  /**
   * What makes an anomaly the same one again. The node id is null for a whole execution: a record
   * keeps that apart from a step whose node id is the text 'null' (a text key would not).
   */
  private record AnomalyKey(String executionId, String nodeId, String metric) {}

  LiveHub(
      Analytics analytics,
      Clock clock,
      Duration poll,
      Duration heartbeat,
      int maxStreams,
      ErrorLog log) {
    this.analytics = analytics;
    this.clock = clock;
    this.poll = poll;
    this.slowNanos = poll.toNanos() * SLOW_TICKS;
    this.heartbeat = heartbeat;
    this.log = log;
    this.slots = new Semaphore(maxStreams);
    this.poller =
        Executors.newSingleThreadScheduledExecutor(DashboardServer.threads("rpa-insights-live"));
    this.writers =
        new ThreadPoolExecutor(
            0,
            maxStreams,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            DashboardServer.threads("rpa-insights-sse"));
  }

  /**
   * Learns the anomalies there are now, on the caller's thread. Detection may store baselines,
   * which changes the store's data version and so invalidates cached answers: done before the
   * dashboard's figures are warmed, it leaves them valid.
   */
  void prime() {
    anomalyVersion = analytics.store().dataVersion();
    anomaliesReadAt = System.nanoTime();
    checkAnomalies();
  }

  /** Starts polling; {@link #prime} happens-before the first tick (executor submission). */
  void start() {
    poller.scheduleWithFixedDelay(
        this::tick, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts streaming to the exchange, whose headers the caller has set but not sent.
   *
   * @return false, without touching the exchange, when every stream slot is taken
   */
  boolean stream(HttpExchange exchange) throws IOException {
    if (poller.isShutdown() || !slots.tryAcquire()) {
      return false;
    }
    SseClient[] self = new SseClient[1];
    SseClient client =
        new SseClient(
            exchange,
            heartbeat.toMillis(),
            this::snapshotFrame,
            () -> {
              clients.remove(self[0]);
              slots.release();
            });
    self[0] = client;
    try {
      exchange.sendResponseHeaders(200, 0);
      clients.add(client);
      writers.execute(client);
    } catch (IOException | RejectedExecutionException e) {
      clients.remove(client);
      slots.release();
      throw e instanceof IOException io ? io : new IOException("live stream refused", e);
    }
    return true;
  }

  int openStreams() {
    return clients.size();
  }

  private String snapshotFrame() {
    try {
      return SseClient.frame("live", Json.writeCompact(analytics.live().running()));
    } catch (RuntimeException e) {
      log.backgroundFailed("reading running executions", e);
      return "";
    }
  }

  private void tick() {
    try {
      long version = analytics.store().dataVersion();
      long now = System.nanoTime();
      boolean changed = version != dataVersion;
      dataVersion = version;
      if (clients.isEmpty()) {
        lastLive = null;
      } else if (changed || now - liveReadAt >= slowNanos) {
        liveReadAt = now;
        String live = Json.writeCompact(analytics.live().running());
        if (!live.equals(lastLive)) {
          lastLive = live;
          broadcast(SseClient.frame("live", live));
        }
      }
      if (!seeded || (version != anomalyVersion && now - anomaliesReadAt >= slowNanos)) {
        anomalyVersion = version;
        anomaliesReadAt = now;
        checkAnomalies();
      }
    } catch (RuntimeException e) {
      log.backgroundFailed("watching the store for the live stream", e);
    }
  }

  private void checkAnomalies() {
    List<Anomaly> found = analytics.anomalies().anomalies(ANOMALIES);
    for (Anomaly a : found) {
      AnomalyKey key = new AnomalyKey(a.executionId(), a.nodeId(), a.metric());
      long startedAt = a.startedAt() == null ? 0 : a.startedAt().toEpochMilli();
      if (seen.putIfAbsent(key, startedAt) == null && seeded) {
        broadcast(SseClient.frame("anomaly", Json.writeCompact(a)));
      }
    }
    // Forget what has left the window (with an hour's margin), so the set stays small.
    long horizon = clock.millis() - 2 * ANOMALY_WINDOW.toMillis();
    seen.values().removeIf(t -> t < horizon);
    seeded = true;
  }

  private void broadcast(String frame) {
    for (SseClient c : clients) {
      c.offer(frame);
    }
  }

  /** Ends every stream and stops the poller; waits briefly for the writers to finish. */
  @Override
  public void close() {
    poller.shutdownNow();
    clients.forEach(SseClient::stop);
    writers.shutdown();
    try {
      if (!writers.awaitTermination(2, TimeUnit.SECONDS)) {
        writers.shutdownNow();
      }
      poller.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      writers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
