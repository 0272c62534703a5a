package io.rpainsights.analytics.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON API over a generated store: every route answers with exactly what the matching CLI
 * command prints with {@code --format json} (same bytes), its parameters are the CLI's options, and
 * responses carry the security and caching headers.
 */
class ApiTest {
  static final String W = "invoice-processing";

  @TempDir static Path dir;
  static String db;
  static DashboardServer server;
  static StringWriter serverErr = new StringWriter();

  @BeforeAll
  static void start() {
    Path p = dir.resolve("api.db");
    new HistoryGenerator()
        .generate(p, GeneratorConfig.of(1_500, Duration.ofDays(9), 3, 11, StoreFixture.NOW), null);
    db = p.toString();
    server =
        DashboardServer.start(
            ServerConfig.builder(p)
                .port(0)
                .clock(StoreFixture.CLOCK)
                .err(new PrintWriter(serverErr, true))
                .build());
  }

  @AfterAll
  static void stop() {
    server.close();
    assertThat(serverErr.toString()).as("nothing went wrong inside the server").isEmpty();
  }

  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("/api/workflows", List.of("stats")),
        Arguments.of("/api/workflows?since=2d", List.of("stats", "--since", "2d")),
        Arguments.of(
            "/api/workflows?since=2026-11-15T00:00:00Z&until=2026-11-20",
            List.of("stats", "--since", "2026-11-15T00:00:00Z", "--until", "2026-11-20")),
        Arguments.of("/api/workflows/" + W + "/stats", List.of("stats", "--workflow", W)),
        Arguments.of(
            "/api/workflows/" + W + "/stats?by=step&since=3d",
            List.of("stats", "--workflow", W, "--by", "step", "--since", "3d")),
        Arguments.of(
            "/api/workflows/" + W + "/stats?by=action&status=failed",
            List.of("stats", "--workflow", W, "--by", "action", "--status", "failed")),
        Arguments.of(
            "/api/workflows/" + W + "/bottlenecks?top=3",
            List.of("bottlenecks", "--workflow", W, "--top", "3")),
        Arguments.of(
            "/api/workflows/" + W + "/degradation", List.of("degradation", "--workflow", W)),
        Arguments.of(
            "/api/workflows/" + W + "/degradation?baseline=3d&current=12h&min-change=10&alpha=0.05",
            List.of(
                "degradation",
                "--workflow",
                W,
                "--baseline",
                "3d",
                "--current",
                "12h",
                "--min-change",
                "10",
                "--alpha",
                "0.05")),
        Arguments.of(
            "/api/workflows/" + W + "/trend?bucket=1d",
            List.of("trend", "--workflow", W, "--bucket", "1d")),
        Arguments.of(
            "/api/workflows/" + W + "/trend?bucket=6h&node=ocr-extract&since=2d",
            List.of(
                "trend",
                "--workflow",
                W,
                "--bucket",
                "6h",
                "--node",
                "ocr-extract",
                "--since",
                "2d")),
        Arguments.of("/api/workflows/" + W + "/success", List.of("success", "--workflow", W)),
        Arguments.of(
            "/api/workflows/" + W + "/success?by=step",
            List.of("success", "--workflow", W, "--by", "step")),
        Arguments.of(
            "/api/workflows/" + W + "/success?by=error",
            List.of("success", "--workflow", W, "--by", "error")),
        Arguments.of(
            "/api/workflows/" + W + "/success?by=strategy",
            List.of("success", "--workflow", W, "--by", "strategy")),
        Arguments.of(
            "/api/workflows/" + W + "/success?by=time&bucket=12h",
            List.of("success", "--workflow", W, "--by", "time", "--bucket", "12h")),
        Arguments.of("/api/workflows/" + W + "/insights", List.of("insights", "--workflow", W)),
        Arguments.of(
            "/api/workflows/" + W + "/insights?days=3&top=2",
            List.of("insights", "--workflow", W, "--days", "3", "--top", "2")),
        Arguments.of("/api/anomalies", List.of("anomalies")),
        Arguments.of(
            "/api/anomalies?since=2d&sensitivity=3",
            List.of("anomalies", "--since", "2d", "--sensitivity", "3")),
        Arguments.of(
            "/api/anomalies?workflow=" + W + "&since=2d&scale=linear&escalate-after=2",
            List.of(
                "anomalies",
                "--workflow",
                W,
                "--since",
                "2d",
                "--scale",
                "linear",
                "--escalate-after",
                "2")),
        Arguments.of("/api/live", List.of("live")));
  }

  @Test
  void theStoreRouteSaysWhetherTheStoreIsSynthetic() throws Exception {
    RawHttp.Answer generated = RawHttp.get(server.port(), "/api/store");
    assertThat(generated.status()).as(generated.body()).isEqualTo(200);
    assertThat(generated.json().get("synthetic").asBoolean()).isTrue();
    assertThat(RawHttp.get(server.port(), "/api/store?x=1").status()).isEqualTo(400);

    Path captured = dir.resolve("captured.db");
    try (StoreFixture f = StoreFixture.create(captured)) {
      f.execution("e1", "w", StoreFixture.ago(Duration.ofMinutes(3)), 100.0, "success");
    }
    try (DashboardServer real =
        DashboardServer.start(
            ServerConfig.builder(captured)
                .port(0)
                .clock(StoreFixture.CLOCK)
                .err(new PrintWriter(serverErr, true))
                .build())) {
      assertThat(RawHttp.get(real.port(), "/api/store").json().get("synthetic").asBoolean())
          .isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void everyRouteAnswersWithTheCommandsJson(String target, List<String> command) throws Exception {
    RawHttp.Answer api = RawHttp.get(server.port(), target);
    assertThat(api.status()).as(api.body()).isEqualTo(200);
    assertThat(api.header("content-type")).isEqualTo("application/json; charset=utf-8");

    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("--db", db, "--format", "json"));
    CliRun cli = CliRun.run(StoreFixture.CLOCK, args.toArray(String[]::new));
    assertThat(cli.exitCode()).as(cli.err()).isZero();

    JsonNode json = api.json();
    assertThat(json)
        .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out()));
    assertThat(api.body()).isEqualTo(cli.out().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void theFixtureHasSomethingToCompare() {
    // Guards the comparison above against vacuous equality of empty lists.
    assertThat(RawHttp.get(server.port(), "/api/workflows").json()).hasSize(3);
    assertThat(RawHttp.get(server.port(), "/api/workflows/" + W + "/bottlenecks").json())
        .isNotEmpty();
    assertThat(RawHttp.get(server.port(), "/api/anomalies?since=2d").json()).isNotEmpty();
    assertThat(RawHttp.get(server.port(), "/api/workflows/" + W + "/insights").json()).isNotEmpty();
    assertThat(RawHttp.get(server.port(), "/api/live").json()).isNotEmpty();
  }

  @Test
  void answersCarrySecurityHeadersAndApiAnswersAreNeverCached() {
    RawHttp.Answer api = RawHttp.get(server.port(), "/api/workflows");
    assertThat(api.header("cache-control")).isEqualTo("no-store");
    assertThat(api.header("x-content-type-options")).isEqualTo("nosniff");
    assertThat(api.header("content-security-policy"))
        .contains("default-src 'none'")
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    assertThat(api.header("x-frame-options")).isEqualTo("DENY");

    RawHttp.Answer page = RawHttp.get(server.port(), "/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("content-type")).startsWith("text/html");
    assertThat(page.header("content-security-policy")).isEqualTo(RequestHandler.CSP);
    assertThat(page.body()).contains("<script type=\"module\" src=\"assets/dashboard.js\">");
    // No inline script or style: the policy would block them.
    assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");

    RawHttp.Answer error = RawHttp.get(server.port(), "/api/nothing");
    assertThat(error.header("cache-control")).isEqualTo("no-store");
    assertThat(error.header("content-security-policy")).isEqualTo(RequestHandler.CSP);
  }

  @Test
  void everyAssetIsServedWithItsTypeAndRevalidatedByEntityTag() {
    for (String name :
        List.of(
            "dashboard.css", "dashboard.js", "api.js", "charts.js", "format.js", "favicon.svg")) {
      RawHttp.Answer a = RawHttp.get(server.port(), "/assets/" + name);
      assertThat(a.status()).as(name).isEqualTo(200);
      assertThat(a.body()).as(name).isNotBlank();
      assertThat(a.header("etag")).as(name).startsWith("\"");
      RawHttp.Answer again =
          RawHttp.get(server.port(), "/assets/" + name, "If-None-Match: " + a.header("etag"));
      assertThat(again.status()).as(name).isEqualTo(304);
      assertThat(again.body()).isEmpty();
    }
    assertThat(RawHttp.get(server.port(), "/assets/dashboard.js").header("content-type"))
        .isEqualTo("text/javascript; charset=utf-8");
    assertThat(RawHttp.get(server.port(), "/assets/favicon.svg").header("content-type"))
        .isEqualTo("image/svg+xml");
  }

  @Test
  void theDefaultHeadlineIsTheSameWhetherWarmOrComputedAgain() {
    String warm = RawHttp.get(server.port(), "/api/workflows").body();
    String explicit = RawHttp.get(server.port(), "/api/workflows?since=7d").body();
    String other = RawHttp.get(server.port(), "/api/workflows?since=168h").body();
    assertThat(warm).isEqualTo(explicit).isEqualTo(other);
  }
}
