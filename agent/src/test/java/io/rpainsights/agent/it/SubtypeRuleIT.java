package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.itapp.SubtypeApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A `+` rule on an interface instruments every implementation, including classes loaded later. */
class SubtypeRuleIT {

  @TempDir Path dir;

  @Test
  void everyImplementationOfTheInterfaceIsTimed() throws Exception {
    Path db = dir.resolve("subtypes.db");
    Path config =
        TestConfigs.write(
            dir,
            "actions.yaml",
            String.join(
                "\n",
                "resources: { enabled: false }",
                "instrument:",
                "  timers:",
                "    - type: io.rpainsights.itapp.Action+",
                "      method: perform",
                "      name: action",
                "      labels: { result: return, impl: this.class.name, input: arg0 }",
                ""));
    ForkedJvm.Result plain = ForkedJvm.testApp(SubtypeApp.class).run();
    ForkedJvm.Result run =
        ForkedJvm.testApp(SubtypeApp.class)
            .withAgent("config=" + config + ",store.path=" + db)
            .run();
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout).isEqualTo(plain.stdout);
    try (StoreReader store = new StoreReader(db)) {
      // Labels in the config's order, the one read at the exit (return) included.
      assertThat(store.texts("select labels from timers where name = 'action' order by ts, rowid"))
          .containsExactly(
              "{\"result\":\"click 1\",\"impl\":\"io.rpainsights.itapp.SubtypeApp$Click\",\"input\":\"1\"}",
              "{\"result\":\"type 2\",\"impl\":\"io.rpainsights.itapp.SubtypeApp$TypeText\",\"input\":\"2\"}",
              "{\"result\":\"anonymous 3\",\"impl\":\"io.rpainsights.itapp.SubtypeApp$1\",\"input\":\"3\"}",
              "{\"result\":\"SHOUT 6\",\"impl\":\"io.rpainsights.itapp.SubtypeApp$Shout\",\"input\":\"6\"}",
              "{\"result\":\"late 4\",\"impl\":\"io.rpainsights.itapp.SubtypeApp$LateAction\",\"input\":\"4\"}",
              "{\"result\":\"late 5\",\"impl\":\"io.rpainsights.itapp.SubtypeApp$LateAction\",\"input\":\"5\"}");
      assertThat(store.count("select count(*) from timers where success = 1")).isEqualTo(6);
    }
  }
}
