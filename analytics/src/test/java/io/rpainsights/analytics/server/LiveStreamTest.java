package io.rpainsights.analytics.server;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpainsights.analytics.testing.StoreFixture;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/live/stream}: a new running execution written to the store reaches an open stream
 * within a deadline, so does a new anomaly (but not one that was there before), an idle stream
 * carries heartbeats, streams beyond the limit are refused, and closing the server ends every
 * stream and leaves no thread of its own behind.
 */
class LiveStreamTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A workflow with a week of steady ~1 s runs and, 30 minutes ago, one that took 15 s. */
  private Path store() {
    Path db = dir.resolve("live.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < 40; i++) {
        long t = ago(Duration.ofHours(2 + 3 * i));
        double ms = 1000 + (i * 37 % 200);
        f.execution("base-" + i, "w", t, ms, "success");
        f.step("base-" + i, "w", "ocr", "ocr", 1, t, ms - 10, "success", null);
      }
      long t = ago(Duration.ofMinutes(30));
      f.execution("old-spike", "w", t, 15_000.0, "success");
      f.step("old-spike", "w", "ocr", "ocr", 1, t, 14_990, "success", null);
    }
    return db;
  }

  private static DashboardServer start(Path db, int maxStreams, StringWriter err) {
    return DashboardServer.start(
        ServerConfig.builder(db)
            .port(0)
            .clock(StoreFixture.CLOCK)
            .livePoll(Duration.ofMillis(50))
            .heartbeat(Duration.ofMillis(300))
            .maxStreams(maxStreams)
            .err(new PrintWriter(err, true))
            .build());
  }

  @Test
  void newRunningExecutionsAndNewAnomaliesArePushedAndTheStreamEndsWithTheServer()
      throws Exception {
    Path db = store();
    StringWriter err = new StringWriter();
    DashboardServer server = start(db, 4, err);
    SseReader stream;
    try {
      stream = new SseReader(server.uri().resolve("/api/live/stream"));
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.header("content-type")).isEqualTo("text/event-stream; charset=utf-8");
      assertThat(stream.header("cache-control")).isEqualTo("no-store");
      assertThat(stream.await(e -> e.name().equals("retry"), DEADLINE).data()).isEqualTo("3000");
      assertThat(stream.await(e -> e.name().equals("live"), DEADLINE).data()).isEqualTo("[]");
      assertThat(stream.await(e -> e.name().equals("comment"), DEADLINE).data())
          .isEqualTo("heartbeat");

      // A bot starts an execution: the stream shows it with its progress. One transaction, as the
      // agent writes a batch: with two, a poll between them sees the run without its step.
      try (StoreFixture f = StoreFixture.create(db)) {
        long started = ago(Duration.ofSeconds(4));
        f.connection().setAutoCommit(false);
        f.execution("run-1", "w", "bot", started, null, "running", 2, null);
        f.step("run-1", "w", "ocr", "ocr", 1, started, 1000, "success", null);
        f.connection().commit();
      }
      SseReader.Event live = stream.await(e -> e.data().contains("run-1"), DEADLINE);
      assertThat(live.name()).isEqualTo("live");
      JsonNode running = JSON.readTree(live.data());
      assertThat(running).hasSize(1);
      assertThat(running.get(0).get("executionId").asText()).isEqualTo("run-1");
      assertThat(running.get(0).get("stepsDone").asInt()).isEqualTo(1);
      assertThat(running.get(0).get("progressPct").asDouble()).isEqualTo(50.0);
      // The event carries what /api/live answers (one line of the same JSON).
      assertThat(running).isEqualTo(RawHttp.get(server.port(), "/api/live").json());

      // A run that is far slower than the week before it: a new anomaly.
      try (StoreFixture f = StoreFixture.create(db)) {
        long t = ago(Duration.ofMinutes(5));
        f.execution("new-spike", "w", t, 25_000.0, "success");
        f.step("new-spike", "w", "ocr", "ocr", 1, t, 24_990, "success", null);
      }
      SseReader.Event anomaly = stream.await(e -> e.name().equals("anomaly"), DEADLINE);
      JsonNode a = JSON.readTree(anomaly.data());
      assertThat(a.get("executionId").asText()).isEqualTo("new-spike");
      assertThat(a.get("workflowId").asText()).isEqualTo("w");
      assertThat(a.get("value").asDouble()).isIn(25_000.0, 24_990.0);
      JsonNode all = RawHttp.get(server.port(), "/api/anomalies").json();
      Set<String> fields = fieldNames(all.get(0));
      assertThat(fieldNames(a)).isEqualTo(fields);
      assertThat(all.findValuesAsText("executionId")).contains("old-spike", "new-spike");
      // The anomaly that was there when the server started was never pushed.
      assertThat(stream.drain())
          .filteredOn(e -> e.name().equals("anomaly"))
          .extracting(e -> JSON.readTree(e.data()).get("executionId").asText())
          .doesNotContain("old-spike");
    } finally {
      server.close();
    }
    assertThat(stream.awaitEnd(DEADLINE)).as("the stream ended with the server").isTrue();
    assertThat(server.openStreams()).isZero();
    assertNoServerThreadsLeft();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aStepNamedNullAndItsWholeExecutionAreTwoNewAnomalies() throws Exception {
    // The week of steady runs, with their one step named by the text 'null'.
    Path db = dir.resolve("null-node.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < 40; i++) {
        long t = ago(Duration.ofHours(2 + 3 * i));
        double ms = 1000 + (i * 37 % 200);
        f.execution("base-" + i, "w", t, ms, "success");
        f.step("base-" + i, "w", "null", "ocr", 1, t, ms - 10, "success", null);
      }
    }
    StringWriter err = new StringWriter();
    DashboardServer server = start(db, 4, err);
    try {
      SseReader stream = new SseReader(server.uri().resolve("/api/live/stream"));
      // After the first heartbeat the hub has seeded what it knows.
      assertThat(stream.await(e -> e.name().equals("comment"), DEADLINE).data())
          .isEqualTo("heartbeat");
      // One slow run whose step took all of its time: the run (node id null) and its step 'null'
      // are two anomalies of one execution, and both are new.
      try (StoreFixture f = StoreFixture.create(db)) {
        long t = ago(Duration.ofMinutes(5));
        f.execution("spike", "w", t, 25_000.0, "success");
        f.step("spike", "w", "null", "ocr", 1, t, 24_990, "success", null);
      }
      JsonNode run = JSON.readTree(stream.await(e -> anomalyOf(e, true), DEADLINE).data());
      JsonNode step = JSON.readTree(stream.await(e -> anomalyOf(e, false), DEADLINE).data());
      assertThat(run.get("executionId").asText()).isEqualTo("spike");
      assertThat(run.get("value").asDouble()).isEqualTo(25_000.0);
      assertThat(step.get("executionId").asText()).isEqualTo("spike");
      assertThat(step.get("value").asDouble()).isEqualTo(24_990.0);
    } finally {
      server.close();
    }
    assertThat(err.toString()).isEmpty();
  }

  /** An anomaly event of a whole execution (JSON null node id) or of the step named 'null'. */
  private static boolean anomalyOf(SseReader.Event e, boolean wholeExecution) {
    if (!e.name().equals("anomaly")) {
      return false;
    }
    try {
      JsonNode node = JSON.readTree(e.data()).get("nodeId");
      return wholeExecution ? node.isNull() : node.isTextual() && node.asText().equals("null");
    } catch (java.io.IOException x) {
      throw new AssertionError(x);
    }
  }

  @Test
  void streamsBeyondTheLimitAreRefusedWith503() throws Exception {
    Path db = store();
    try (DashboardServer server = start(db, 1, new StringWriter());
        SseReader first = new SseReader(server.uri().resolve("/api/live/stream"))) {
      first.await(e -> e.name().equals("live"), DEADLINE);
      RawHttp.Answer second = RawHttp.get(server.port(), "/api/live/stream");
      assertThat(second.status()).isEqualTo(503);
      assertThat(second.json().get("error").asText()).contains("too many live streams");
      assertThat(RawHttp.get(server.port(), "/api/live").status()).isEqualTo(200);
    }
  }

  /**
   * A dead client shows only when a write to it fails, and the first write after it left still
   * succeeds (into the kernel's buffer): its slot is freed by the second heartbeat after it left.
   * With the default heartbeat, clients that came and went must not lock newcomers out for long.
   */
  @Test
  void slotsOfClientsThatLeftAreFreedWithinSecondsWithTheDefaultHeartbeat() throws Exception {
    Path db = store();
    int max = 4;
    try (DashboardServer server =
        DashboardServer.start(
            ServerConfig.builder(db)
                .port(0)
                .clock(StoreFixture.CLOCK)
                .livePoll(Duration.ofMillis(50))
                .maxStreams(max)
                .err(new PrintWriter(new StringWriter(), true))
                .build())) {
      URI stream = server.uri().resolve("/api/live/stream");
      HttpClient http = HttpClient.newHttpClient();
      List<InputStream> open = new ArrayList<>();
      for (int i = 0; i < max; i++) {
        HttpResponse<InputStream> r = openStream(http, stream);
        assertThat(r.statusCode()).isEqualTo(200);
        r.body().read(); // the stream is established: its first frame arrived
        open.add(r.body());
      }
      assertThat(RawHttp.get(server.port(), "/api/live/stream").status()).isEqualTo(503);
      for (InputStream body : open) {
        body.close(); // the client goes away without a word, as a closed tab does
      }

      Instant deadline = Instant.now().plus(DEADLINE);
      int status = 0;
      while (status != 200 && Instant.now().isBefore(deadline)) {
        HttpResponse<InputStream> r = openStream(http, stream);
        status = r.statusCode();
        r.body().close();
        if (status != 200) {
          Thread.sleep(200); // polling a condition with a deadline: the slots are being freed
        }
      }
      assertThat(status).as("a new stream accepted within " + DEADLINE).isEqualTo(200);
    }
  }

  private static HttpResponse<InputStream> openStream(HttpClient http, URI uri) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new java.util.TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static void assertNoServerThreadsLeft() throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    Set<String> left = serverThreads();
    while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(20); // polling a condition with a deadline: threads are finishing
      left = serverThreads();
    }
    assertThat(left).as("threads of the closed server").isEmpty();
  }

  private static Set<String> serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("rpa-insights-") || n.equals("HTTP-Dispatcher"))
        .collect(Collectors.toSet());
  }
}
