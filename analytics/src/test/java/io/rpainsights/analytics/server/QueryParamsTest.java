package io.rpainsights.analytics.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpainsights.analytics.store.TimeSpec;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

  @Test
  void decodesEscapesAndPlusAsSpaceInQueries() {
    QueryParams p = QueryParams.parse("workflow=invoice%20processing&node=a+b&x=%C3%A9t%C3%A9");
    assertThat(p.text("workflow")).isEqualTo("invoice processing");
    assertThat(p.text("node")).isEqualTo("a b");
    assertThat(p.text("x")).isEqualTo("été");
    assertThat(p.text("absent")).isNull();
    assertThat(QueryParams.parse(null).isEmpty()).isTrue();
    assertThat(QueryParams.parse("&&").isEmpty()).isTrue();
  }

  @Test
  void defaultsAreTheCommandLinesAndValuesAreBounded() {
    QueryParams none = QueryParams.empty();
    assertThat(none.time("since", "7d")).isEqualTo(TimeSpec.ago(Duration.ofDays(7)));
    assertThat(none.time("until", null)).isNull();
    assertThat(none.duration("bucket", "1h")).isEqualTo(Duration.ofHours(1));
    assertThat(none.integer("top", 5, 1, 10)).isEqualTo(5);
    assertThat(none.decimal("alpha", 0.01, 0, true, 0.5)).isEqualTo(0.01);
    assertThat(none.choice("by", "workflow", "workflow", "step")).isEqualTo("workflow");

    QueryParams p =
        QueryParams.parse(
            "since=2026-11-20T10:00:00%2B01:00&top=10&alpha=0.5&by=STEP&bucket=90s&max=36500d");
    assertThat(p.time("since", "7d")).isEqualTo(TimeSpec.at(Instant.parse("2026-11-20T09:00:00Z")));
    assertThat(p.integer("top", 5, 1, 10)).isEqualTo(10);
    assertThat(p.decimal("alpha", 0.01, 0, true, 0.5)).isEqualTo(0.5);
    assertThat(p.choice("by", "workflow", "workflow", "step")).isEqualTo("step");
    assertThat(p.duration("bucket", "1h")).isEqualTo(Duration.ofSeconds(90));
    assertThat(p.duration("max", "1h")).isEqualTo(QueryParams.MAX_SPAN);
  }

  @Test
  void outOfRangeValuesNameTheirParameter() {
    assertBad("top=11", p -> p.integer("top", 5, 1, 10), "parameter 'top'");
    assertBad("top=2147483648", p -> p.integer("top", 5, 1, 10), "parameter 'top'");
    assertBad("alpha=0", p -> p.decimal("alpha", 0.01, 0, true, 0.5), "greater than 0");
    assertBad("alpha=0.6", p -> p.decimal("alpha", 0.01, 0, true, 0.5), "at most 0.5");
    assertBad("d=36501d", p -> p.duration("d", "1h"), "at most 36500d");
    assertBad("since=0001-01-01T00:00:00%2B01:00", p -> p.time("since", "7d"), "1..9999");
  }

  private static void assertBad(
      String query, java.util.function.Function<QueryParams, Object> read, String message) {
    assertThatThrownBy(() -> read.apply(QueryParams.parse(query)))
        .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining(message);
  }

  /** Whatever the query string, parsing and reading it either works or is a 400: never a crash. */
  @Property(tries = 2000)
  void anyQueryStringIsParsedOrRefusedWith400(@ForAll("queries") String query) {
    try {
      QueryParams p = QueryParams.parse(query);
      for (String name : new String[] {"since", "until", "top", "alpha", "bucket", "by", "x"}) {
        tryRead(() -> p.time(name, "7d"));
        tryRead(() -> p.duration(name, "1h"));
        tryRead(() -> p.integer(name, 1, 1, 100));
        tryRead(() -> p.decimal(name, 1, 0, true, 100));
        tryRead(() -> p.choice(name, "a", "a", "b"));
      }
    } catch (HttpError e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
    }
  }

  private static void tryRead(Runnable read) {
    try {
      read.run();
    } catch (HttpError e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<String> queries() {
    Arbitrary<String> names = Arbitraries.of("since", "until", "top", "alpha", "bucket", "by", "x");
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(20),
            Arbitraries.strings().withChars("0123456789dhmsx.-+:TZ%eE").ofMaxLength(16),
            Arbitraries.of(
                "7d",
                "999999999999d",
                "-1",
                "1e309",
                "NaN",
                "%ff",
                "%",
                "%2",
                "%00",
                "0.5",
                "2026-11-22T10:00:00Z",
                "+999999999-12-31T23:59:59Z",
                "2147483648"));
    Arbitrary<String> pair =
        Arbitraries.strings()
            .ofLength(1)
            .withChars("=")
            .flatMap(eq -> names.flatMap(n -> values.map(v -> n + eq + v)));
    return pair.list().ofMaxSize(5).map(l -> String.join("&", l));
  }
}
