package io.rpainsights.analytics.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.testing.StoreFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed and hostile requests get a clean {@code 4xx} with {@code {"error": "..."}} — never a
 * 500, never a stack trace, never a file outside the dashboard's — and the server goes on
 * answering.
 */
class HostileInputTest {
  @TempDir static Path dir;
  static Path db;
  static DashboardServer server;
  static StringWriter serverErr = new StringWriter();

  @BeforeAll
  static void start() {
    db = dir.resolve("hostile.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < 12; i++) {
        f.execution(
            "e" + i,
            "invoice",
            StoreFixture.ago(Duration.ofHours(2 + i)),
            1000.0 + 10 * i,
            "success");
        f.step(
            "e" + i,
            "invoice",
            "ocr",
            "ocr",
            1,
            StoreFixture.ago(Duration.ofHours(2 + i)),
            900.0,
            "success",
            null);
      }
    }
    server =
        DashboardServer.start(
            ServerConfig.builder(db)
                .port(0)
                .clock(StoreFixture.CLOCK)
                .err(new PrintWriter(serverErr, true))
                .build());
  }

  @AfterAll
  static void stop() {
    server.close();
    assertThat(serverErr.toString()).as("no internal error was logged").isEmpty();
  }

  private static RawHttp.Answer get(String target, String... headers) {
    return RawHttp.get(server.port(), target, headers);
  }

  private static void assertError(RawHttp.Answer a, int status, String messagePart) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.header("content-type")).isEqualTo("application/json; charset=utf-8");
    assertThat(a.json().size()).isEqualTo(1);
    assertThat(a.json().get("error").asText()).contains(messagePart).doesNotContain("\n");
    assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void unknownWorkflowIs404WhereverItIsNamed() {
    assertError(get("/api/workflows/nope/stats"), 404, "unknown workflow 'nope'");
    assertError(get("/api/workflows/nope/insights"), 404, "unknown workflow 'nope'");
    assertError(get("/api/anomalies?workflow=nope"), 404, "unknown workflow 'nope'");
  }

  @Test
  void unknownNodeOfATrendIs404LikeAnUnknownWorkflow() {
    assertError(
        get("/api/workflows/invoice/trend?node=nope"),
        404,
        "unknown node 'nope' in workflow 'invoice' (known: ocr)");
    assertThat(get("/api/workflows/invoice/trend?node=ocr").status()).isEqualTo(200);
  }

  @Test
  void unknownRoutesAre404AndOtherMethods405() {
    assertError(get("/api"), 404, "no such route");
    assertError(get("/api/workflows/invoice"), 404, "no such route");
    assertError(get("/api/workflows/invoice/stats/extra"), 404, "no such route");
    assertError(get("/api/workflows/invoice/compare"), 404, "no such route");
    assertError(get("/api/live/"), 404, "no such route");
    assertError(get("/API/live"), 404, "no such route");
    assertError(get("/index.html"), 404, "no such route");
    for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"}) {
      RawHttp.Answer a = RawHttp.send(server.port(), method, "/api/live", "Content-Length: 0");
      assertThat(a.status()).as(method).isEqualTo(405);
      assertThat(a.header("allow")).isEqualTo("GET");
      if (!method.equals("HEAD")) {
        assertError(a, 405, "use GET");
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/workflows/invoice/stats?since=yesterday | parameter 'since': malformed time",
        "/api/workflows/invoice/stats?since=7x | parameter 'since'",
        "/api/workflows/invoice/stats?since=-7d | parameter 'since'",
        "/api/workflows/invoice/stats?since=999999999999d | at most 36500d",
        "/api/workflows/invoice/stats?until=%2B999999999-12-31T00:00:00Z | year must lie in 1..9999",
        "/api/workflows/invoice/stats?by=node | parameter 'by': expected workflow, step",
        "/api/workflows/invoice/stats?status=recovered | does not apply to executions",
        "/api/workflows/invoice/stats?since=1h&until=2h | empty time window",
        "/api/workflows/invoice/bottlenecks?top=0 | parameter 'top'",
        "/api/workflows/invoice/bottlenecks?top=-1 | parameter 'top'",
        "/api/workflows/invoice/bottlenecks?top=99999999999999999999 | parameter 'top'",
        "/api/workflows/invoice/bottlenecks?top=1e3 | parameter 'top'",
        "/api/workflows/invoice/bottlenecks?top=0x10 | parameter 'top'",
        "/api/workflows/invoice/insights?days=3651 | parameter 'days'",
        "/api/workflows/invoice/degradation?alpha=NaN | parameter 'alpha'",
        "/api/workflows/invoice/degradation?alpha=1e-309 | parameter 'alpha'",
        "/api/workflows/invoice/degradation?min-samples=1 | parameter 'min-samples'",
        "/api/workflows/invoice/trend?bucket=0s | must be greater than zero",
        "/api/workflows/invoice/trend?bucket=1ms | at least 1s",
        "/api/workflows/invoice/trend?bucket=1s&since=30d | buckets of that size",
        "/api/anomalies?sensitivity=Infinity | parameter 'sensitivity'",
        "/api/anomalies?sensitivity=0 | parameter 'sensitivity'",
        "/api/anomalies?scale=cubic | parameter 'scale'",
        "/api/workflows/invoice/stats?sinse=7d | unknown parameter 'sinse' (this route takes: since",
        "/api/live?verbose=1 | unknown parameter 'verbose': this route takes none",
        "/api/workflows?since=1d&since=2d | given more than once",
        "/api/workflows?since= | parameter 'since' is empty",
        "/api/workflows?since | parameter 'since' is empty",
        "/api/workflows?%3Cscript%3E=1 | malformed parameter name",
      })
  void malformedParametersAre400NamingTheParameter(String target, String message) {
    assertError(get(target.trim()), 400, message.trim());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/workflows/invoice/stats?since=%ff",
        "/api/workflows/invoice/stats?since=%c3%28",
        "/api/workflows/%ed%a0%80/stats",
        "/api/anomalies?workflow=%fe%ff",
        "/api/anomalies?workflow=a%00b",
        "/api/anomalies?workflow=a%0d%0aSet-Cookie:%20x=1",
      })
  void nonUtf8MalformedEscapesAndControlCharactersAre400(String target) {
    RawHttp.Answer a = get(target);
    assertThat(a.status()).as(target + " " + a.body()).isEqualTo(400);
    assertThat(a.json().get("error").asText()).isNotBlank();
    assertThat(a.header("set-cookie")).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/workflows/invoice/stats?since=%zz",
        "/api/workflows/invoice/stats?since=%4",
        "/api/workflows/in%voice/stats",
        "/api/anomalies?workflow=a\\b"
      })
  void targetsThatAreNotUrisAre400FromTheJdkServerItself(String target) {
    // java.net.URI refuses these, so the JDK's server answers 400 before any handler runs (its
    // own short HTML body); still a clean client error, and nothing behind it is reached.
    RawHttp.Answer a = get(target);
    assertThat(a.status()).as(target).isEqualTo(400);
    assertThat(a.body()).doesNotContain("\tat ");
    assertThat(get("/api/live").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/assets/../../../../etc/passwd",
        "/assets/..%2f..%2f..%2fetc%2fpasswd",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/%2e%2e%2f%2e%2e%2fpom.xml",
        "/assets/..\\..\\pom.xml",
        "/assets/./dashboard.js",
        "/assets/dashboard.js/..",
        "/assets//etc/passwd",
        "/assets/%2fetc%2fpasswd",
        "/assets/dashboard.js%00.png",
        "/assets/ANALYTICS.md",
        "/assets/io/rpainsights/analytics/server/Assets.class",
        "/assets/Assets.class",
        "/%2e%2e/%2e%2e/etc/passwd",
      })
  void pathTraversalNeverReachesAFile(String target) {
    RawHttp.Answer a = get(target);
    assertThat(a.status()).as(target + " " + a.body()).isIn(400, 404);
    if (a.body().startsWith("{")) {
      assertThat(a.json().get("error").asText()).isNotBlank();
    } else {
      // Not a URI at all (a backslash): the JDK's server refuses it before any handler runs.
      assertThat(a.status()).isEqualTo(400);
    }
    assertThat(a.body()).doesNotContain("root:").doesNotContain("<project");
  }

  @Test
  void sqlInInputIsJustAnUnknownNameAndTheStoreIsUntouched() {
    String[] attempts = {
      "x' OR '1'='1",
      "invoice'; DROP TABLE executions; --",
      "invoice\" OR 1=1 --",
      "' UNION SELECT execution_id FROM executions --",
    };
    for (String sql : attempts) {
      String enc = java.net.URLEncoder.encode(sql, java.nio.charset.StandardCharsets.UTF_8);
      assertError(get("/api/anomalies?workflow=" + enc), 404, "unknown workflow");
      assertError(
          get("/api/workflows/" + enc.replace("+", "%20") + "/stats"), 404, "unknown workflow");
      assertError(get("/api/workflows/invoice/trend?node=" + enc), 404, "unknown node");
    }
    assertThat(get("/api/workflows").json().get(0).get("count").asLong()).isEqualTo(12);
  }

  @Test
  void oversizedRequestsAre414() {
    assertError(get("/api/workflows?since=" + "7".repeat(3000) + "d"), 414, "longer than");
    assertError(get("/api/workflows/" + "w".repeat(1100) + "/stats"), 414, "longer than");
    StringBuilder many = new StringBuilder("/api/workflows?");
    for (int i = 0; i < 40; i++) {
      many.append("p").append(i).append("=1&");
    }
    assertError(get(many.toString()), 400, "more than 32 parameters");
    assertError(get("/api/anomalies?workflow=" + "w".repeat(600)), 400, "longer than 512");
  }

  @Test
  void aLoopbackServerAnswersOnlyLoopbackNames() {
    assertError(get("/api/live", "Host: evil.example"), 403, "evil.example");
    assertError(get("/api/live", "Host: evil.example:" + server.port()), 403, "loopback");
    assertError(get("/", "Host: 127.0.0.1.evil.example"), 403, "loopback");
    assertThat(get("/api/live", "Host: localhost:" + server.port()).status()).isEqualTo(200);
    assertThat(get("/api/live", "Host: 127.0.0.1").status()).isEqualTo(200);
    assertThat(get("/api/live", "Host: [::1]:8080").status()).isEqualTo(200);
  }

  @Test
  void rawNonAsciiInTheRequestTargetIsRefused() {
    RawHttp.Answer a = get("/api/anomalies?workflow=\u00e9");
    assertThat(a.status()).isEqualTo(400);
  }
}
