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

/**
 * With {@code --token}, every route — the page, its assets, the API, the stream — needs the bearer
 * token or the session cookie that {@code /?token=} sets once; anything else is a 401.
 */
class TokenTest {
  static final String TOKEN = "s3cret-Token_42";

  @TempDir static Path dir;
  static DashboardServer server;

  @BeforeAll
  static void start() {
    Path db = dir.resolve("token.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("e1", "w", StoreFixture.ago(Duration.ofHours(1)), 1000.0, "success");
    }
    server =
        DashboardServer.start(
            ServerConfig.builder(db)
                .port(0)
                .token(TOKEN)
                .clock(StoreFixture.CLOCK)
                .err(new PrintWriter(new StringWriter(), true))
                .build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RawHttp.Answer get(String target, String... headers) {
    return RawHttp.get(server.port(), target, headers);
  }

  private static void assertRefused(RawHttp.Answer a) {
    assertThat(a.status()).as(a.body()).isEqualTo(401);
    assertThat(a.header("www-authenticate")).isEqualTo("Bearer realm=\"rpa-insights\"");
    assertThat(a.json().get("error").asText()).contains("token");
    assertThat(a.body()).doesNotContain(TOKEN);
    assertThat(a.header("set-cookie")).isNull();
  }

  @Test
  void everyRouteNeedsTheToken() {
    for (String target :
        new String[] {
          "/",
          "/assets/dashboard.js",
          "/api/workflows",
          "/api/workflows/w/stats",
          "/api/anomalies",
          "/api/live",
          "/api/live/stream",
          "/api/no-such-route",
          "/api/workflows?since=%ff",
          "/api/workflows/w/stats?unknown=1",
          "/assets/%2e%2e/pom.xml"
        }) {
      assertRefused(get(target));
      assertRefused(get(target, "Authorization: Bearer wrong"));
    }
  }

  @Test
  void onlyTheExactTokenAsABearerIsLetIn() {
    assertThat(get("/api/workflows", "Authorization: Bearer " + TOKEN).status()).isEqualTo(200);
    assertThat(get("/api/workflows", "Authorization: bearer  " + TOKEN).status()).isEqualTo(200);
    assertRefused(get("/api/workflows", "Authorization: Bearer " + TOKEN + "x"));
    assertRefused(get("/api/workflows", "Authorization: Bearer " + TOKEN.substring(1)));
    assertRefused(get("/api/workflows", "Authorization: Bearer " + TOKEN.toLowerCase()));
    assertRefused(get("/api/workflows", "Authorization: Bearer"));
    assertRefused(get("/api/workflows", "Authorization: " + TOKEN));
    assertRefused(get("/api/workflows", "Authorization: Basic " + TOKEN));
    assertRefused(get("/api/workflows?token=" + TOKEN));
    assertRefused(get("/api/workflows", "Cookie: " + TokenAuth.COOKIE + "=" + TOKEN));
  }

  @Test
  void theTokenOnTheDashboardSetsAStrictHttpOnlyCookieThatLetsTheBrowserIn() {
    RawHttp.Answer login = get("/?token=" + TOKEN);
    assertThat(login.status()).isEqualTo(303);
    assertThat(login.header("location")).isEqualTo("/");
    String cookie = login.header("set-cookie");
    assertThat(cookie)
        .startsWith(TokenAuth.COOKIE + "=")
        .contains("; HttpOnly")
        .contains("; SameSite=Strict")
        .contains("; Path=/")
        .doesNotContain(TOKEN);
    String pair = cookie.substring(0, cookie.indexOf(';'));
    for (String target : new String[] {"/", "/assets/charts.js", "/api/live", "/api/workflows"}) {
      assertThat(get(target, "Cookie: theme=dark; " + pair).status()).as(target).isEqualTo(200);
    }
    assertRefused(get("/api/live", "Cookie: " + pair + "x"));

    RawHttp.Answer wrong = get("/?token=" + TOKEN + "x");
    assertRefused(wrong);
  }

  @Test
  void cookiesOfAnotherTokenAreRefused() {
    String other = TokenAuth.of("another-token").sessionCookie();
    assertRefused(get("/api/live", "Cookie: " + other.substring(0, other.indexOf(';'))));
  }
}
