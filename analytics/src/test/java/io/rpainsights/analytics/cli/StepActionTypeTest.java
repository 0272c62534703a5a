package io.rpainsights.analytics.cli;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step whose runs carry more than one action type is named by the most frequent one in the window
 * (ties: the smaller name), whatever order the rows are read in.
 */
class StepActionTypeTest {
  @TempDir Path dir;
  String db;

  @BeforeEach
  void fixture() {
    Path p = dir.resolve("actions.db");
    db = p.toString();
    // By hand: "ocr" ran once as "legacy-ocr" (first in time, so first read) and three times as
    // "ocr" -> "ocr". "save" ran twice as "zip" (first) and twice as "db" -> tie -> "db".
    // "login" ran first without an action type, then once as "ui" -> "ui".
    String[] ocrActions = {"legacy-ocr", "ocr", "ocr", "ocr"};
    String[] saveActions = {"zip", "zip", "db", "db"};
    String[] loginActions = {null, "ui", null, null};
    try (StoreFixture f = StoreFixture.create(p)) {
      for (int i = 0; i < 4; i++) {
        long t = ago(Duration.ofHours(6 - i));
        String e = "e" + i;
        f.execution(e, "w", t, 1000.0, "success")
            .step(e, "w", "login", loginActions[i], 1, t, 100, "success", null)
            .step(e, "w", "ocr", ocrActions[i], 2, t + 100, 500, "success", null)
            .step(
                e,
                "w",
                "save",
                saveActions[i],
                3,
                t + 600,
                300,
                i == 0 ? "failed" : "success",
                null);
      }
    }
  }

  private Map<String, String> actionTypes(String... command) throws Exception {
    String[] args = new String[command.length + 4];
    System.arraycopy(command, 0, args, 0, command.length);
    args[command.length] = "--db";
    args[command.length + 1] = db;
    args[command.length + 2] = "--format";
    args[command.length + 3] = "json";
    CliRun r = CliRun.run(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, String> byNode = new HashMap<>();
    for (JsonNode n : Json.mapper().readTree(r.out())) {
      byNode.put(n.get("nodeId").asText(), n.get("actionType").asText(null));
    }
    return byNode;
  }

  @Test
  void bottlenecksNameTheMostFrequentActionType() throws Exception {
    assertThat(actionTypes("bottlenecks", "--workflow", "w"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("ocr", "ocr", "save", "db", "login", "ui"));
  }

  @Test
  void degradationNamesTheMostFrequentActionType() throws Exception {
    assertThat(actionTypes("degradation", "--workflow", "w"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("ocr", "ocr", "save", "db", "login", "ui"));
  }

  @Test
  void statsAndSuccessByStepNameTheSameActionType() throws Exception {
    Map<String, String> expected = Map.of("ocr", "ocr", "save", "db", "login", "ui");
    assertThat(actionTypes("stats", "--by", "step", "--workflow", "w"))
        .containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(actionTypes("success", "--by", "step", "--workflow", "w"))
        .containsExactlyInAnyOrderEntriesOf(expected);
    // Over a long window, stats answers from the rollup: the same names.
    assertThat(actionTypes("stats", "--by", "step", "--workflow", "w", "--since", "3d"))
        .containsExactlyInAnyOrderEntriesOf(expected);
  }
}
