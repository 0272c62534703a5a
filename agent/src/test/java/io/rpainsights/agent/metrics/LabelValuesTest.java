package io.rpainsights.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LabelValuesTest {

  private static final String LONG_PREFIX = "invoice-batch-".repeat(20);

  @Test
  void anOrdinaryValueIsExposedAsItIs() {
    String value = "Rechnung prüfen – 請求書 😀";
    assertThat(LabelValues.safe(value)).isSameAs(value);
    String limit = "x".repeat(LabelValues.MAX_CODE_POINTS);
    assertThat(LabelValues.safe(limit)).isSameAs(limit);
  }

  @Test
  void controlCharactersAndUnpairedSurrogatesBecomeTheReplacementCharacter() {
    assertThat(LabelValues.safe("a\u0000b\tc\r\nd\u007f\u0085e\u009f"))
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFD\uFFFDd\uFFFD\uFFFDe\uFFFD");
    assertThat(LabelValues.safe("lone \uD83D high")).isEqualTo("lone \uFFFD high");
    assertThat(LabelValues.safe("\uDE00 lone low")).isEqualTo("\uFFFD lone low");
    assertThat(LabelValues.safe("ends high \uD83D")).isEqualTo("ends high \uFFFD");
    assertThat(LabelValues.safe("\u00a0no-break and \u2028 separator"))
        .as("only control characters are replaced")
        .isEqualTo("\u00a0no-break and \u2028 separator");
  }

  @Test
  void aLongValueKeepsItsStartAndEndsWithTheHashOfTheWholeValue() {
    String value = LONG_PREFIX + "x".repeat(100_000);

    String safe = LabelValues.safe(value);

    assertThat(safe.codePointCount(0, safe.length())).isEqualTo(LabelValues.MAX_CODE_POINTS);
    assertThat(safe)
        .startsWith(value.substring(0, LabelValues.KEPT_CODE_POINTS))
        .endsWith("\u2026#" + String.format("%08x", fnv1a32(value)));
    assertThat(LabelValues.safe(value)).as("the same value always reads the same").isEqualTo(safe);
  }

  @Test
  void longValuesThatShareTheirStartStayApart() {
    String first = LONG_PREFIX + "2024-01-31";
    String second = LONG_PREFIX + "2024-02-29";

    assertThat(LabelValues.safe(first)).isNotEqualTo(LabelValues.safe(second));
    assertThat(LabelValues.safe(first).substring(0, LabelValues.KEPT_CODE_POINTS))
        .isEqualTo(LabelValues.safe(second).substring(0, LabelValues.KEPT_CODE_POINTS));
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    String value = "😀".repeat(LabelValues.MAX_CODE_POINTS + 1);

    String safe = LabelValues.safe(value);

    assertThat(safe.codePointCount(0, safe.length())).isEqualTo(LabelValues.MAX_CODE_POINTS);
    assertThat(safe).startsWith("😀".repeat(LabelValues.KEPT_CODE_POINTS) + "\u2026#");
    assertThat(LabelValues.safe("😀".repeat(LabelValues.MAX_CODE_POINTS)))
        .as("256 code points in 512 chars fit")
        .isEqualTo("😀".repeat(LabelValues.MAX_CODE_POINTS));
  }

  @Test
  void aLongValueWithControlCharactersIsBothCutAndCleaned() {
    String value = "\u0000".repeat(1000);

    String safe = LabelValues.safe(value);

    assertThat(safe)
        .startsWith("\uFFFD".repeat(LabelValues.KEPT_CODE_POINTS) + "\u2026#")
        .hasSize(LabelValues.MAX_CODE_POINTS)
        .doesNotContain("\u0000");
  }

  @Test
  void theHashIsFnv1aOfTheUtf8Bytes() {
    // Published FNV-1a 32-bit test vectors (draft-eastlake-fnv): "" , "a", "foobar".
    assertThat(LabelValues.fnv1a32("")).isEqualTo(0x811c9dc5);
    assertThat(LabelValues.fnv1a32("a")).isEqualTo(0xe40c292c);
    assertThat(LabelValues.fnv1a32("foobar")).isEqualTo(0xbf9cf968);
    String mixed = "Prüfung – 請求書 😀 " + LONG_PREFIX;
    assertThat(LabelValues.fnv1a32(mixed)).isEqualTo(fnv1a32(mixed));
    assertThat(LabelValues.fnv1a32("a\uD83Db"))
        .as("an unpaired surrogate counts as U+FFFD")
        .isEqualTo(fnv1a32("a\uFFFDb"));
  }

  /** The same hash the plain way: over the bytes of the encoded value. */
  private static int fnv1a32(String value) {
    int hash = 0x811c9dc5;
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return hash;
  }
}
