package io.rpainsights.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The loader runs in premain: whatever the inputs, it returns a result and never throws. */
class ConfigLoaderRobustnessTest {

  @Property(tries = 300)
  void arbitraryFileContentNeverThrows(@ForAll("contents") String content, @ForAll boolean json)
      throws IOException {
    Path dir = Files.createTempDirectory("rpa-config");
    try {
      String name = json ? "c.json" : "c.yaml";
      Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
      ConfigLoader.Result result =
          ConfigLoader.load("config=" + name, new Properties(), new HashMap<>(), dir);
      assertConsistent(result);
    } finally {
      Files.deleteIfExists(dir.resolve(json ? "c.json" : "c.yaml"));
      Files.deleteIfExists(dir);
    }
  }

  @Property(tries = 300)
  void arbitraryArgumentsAndOverridesNeverThrow(
      @ForAll("arguments") String agentArgs, @ForAll("arguments") String value) {
    Properties properties = new Properties();
    properties.setProperty("rpa.insights.collector.batchSize", value);
    Map<String, String> env = new HashMap<>();
    env.put("RPA_INSIGHTS_STORE_PATH", value);
    env.put("RPA_INSIGHTS_CONFIG", value);
    assertConsistent(ConfigLoader.load(agentArgs, properties, env, Path.of("/nonexistent-dir")));
  }

  private static void assertConsistent(ConfigLoader.Result result) {
    assertThat(result).isNotNull();
    assertThat(result.config() == null).isEqualTo(result.fatal() != null);
    assertThat(result.warnings()).doesNotContainNull();
    if (result.fatal() != null) {
      assertThat(result.fatal()).endsWith("; agent disabled").doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<String> contents() {
    Arbitrary<String> fragments =
        Arbitraries.of(
            "instrument:\n",
            "  executions:\n",
            "    - type: com.x.Loop\n",
            "      method: run\n",
            "      workflowId: arg0.id\n",
            "collector: {batchSize: 5}\n",
            "{",
            "}",
            "[",
            "]",
            ": ",
            "- ",
            "&a ",
            "*a ",
            "<<: *a\n",
            "'",
            "\"",
            "\t",
            "\n",
            "---\n",
            "%YAML 1.2\n",
            "!!binary ",
            "? ",
            "enabled: yes\n",
            "\u0000",
            "\uFEFF",
            "#",
            ",",
            "null",
            "~");
    return Arbitraries.oneOf(
        fragments.list().ofMaxSize(25).map(list -> String.join("", list)),
        Arbitraries.strings().ofMaxLength(60));
  }

  @Provide
  Arbitrary<String> arguments() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("config=.,abcyml/ \u0000").ofMaxLength(20),
        Arbitraries.strings().ofMaxLength(20));
  }
}
