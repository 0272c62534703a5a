package io.rpainsights.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written JSON is checked by an independent parser (Jackson) reading it back. */
class JsonTextTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final StringBuilder scratch = new StringBuilder();

  @Provide
  Arbitrary<Map<String, String>> labels() {
    // all(): every char, control characters and unpaired surrogates included.
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(12);
    return Arbitraries.maps(text, text.injectNull(0.2)).ofMaxSize(6).map(LinkedHashMap::new);
  }

  @Property(tries = 500)
  void stringObjectsReadBackAsTheSameEntriesInTheSameOrder(
      @ForAll("labels") Map<String, String> labels) throws Exception {
    String json = JsonText.stringObject(labels, scratch);

    Map<String, String> parsed =
        JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});

    assertThat(parsed).containsExactlyEntriesOf(labels);
  }

  @Property(tries = 500)
  void finiteNumbersReadBackExactly(@ForAll double value, @ForAll("keys") String key)
      throws Exception {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(key, value);
    values.put("k-1", 1.0);

    Map<String, Number> parsed =
        JSON.readValue(
            JsonText.numberObject(values, scratch),
            new TypeReference<LinkedHashMap<String, Number>>() {});

    assertThat(parsed.keySet()).containsExactlyElementsOf(values.keySet());
    assertThat(parsed.get(key).doubleValue()).isEqualTo(value);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().alpha().ofMinLength(2).ofMaxLength(8);
  }

  @Example
  void wholeNumbersHaveNoFractionAndNonFiniteOnesBecomeNull() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("tokens", 1234.0);
    values.put("ratio", 0.5);
    values.put("huge", 1e300);
    values.put("nan", Double.NaN);
    values.put("inf", Double.NEGATIVE_INFINITY);
    values.put("missing", null);

    assertThat(JsonText.numberObject(values, scratch))
        .isEqualTo(
            "{\"tokens\":1234,\"ratio\":0.5,\"huge\":1.0E300,\"nan\":null,\"inf\":null,"
                + "\"missing\":null}");
  }

  @Example
  void specialCharactersAreEscapedTheWayJsonRequires() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("q\"b\\", "tab\there\nnew\u0001\ud800x\ud83d\ude00");

    assertThat(JsonText.stringObject(labels, scratch))
        .isEqualTo("{\"q\\\"b\\\\\":\"tab\\there\\nnew\\u0001\\ud800x\ud83d\ude00\"}");
  }

  @Example
  void nullAndEmptyMaps() {
    assertThat(JsonText.stringObject(null, scratch)).isNull();
    assertThat(JsonText.numberObject(null, scratch)).isNull();
    assertThat(JsonText.stringObject(Map.of(), scratch)).isEqualTo("{}");
  }
}
