package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.itapp.LogManagerApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resource sampler's native sources (OSHI and NVML, through JNA) initialise java.util.logging;
 * they must wait for the application to choose its LogManager, however late it does.
 */
class LogManagerIT {

  @TempDir Path dir;

  @Test
  void anApplicationChoosingItsLogManagerLateStillGetsIt() throws Exception {
    Path config =
        TestConfigs.write(
            dir,
            "sampling.yaml",
            String.join(
                "\n", "resources: { enabled: true, intervalMs: 100 }", "instrument: {}", ""));
    ForkedJvm.Result run =
        ForkedJvm.testApp(LogManagerApp.class)
            .withAgent("config=" + config + ",store.path=" + dir.resolve("s.db"))
            .run();

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout)
        .as("15 ticks of the sampler passed before main() chose its manager")
        .contains("log manager: " + LogManagerApp.OwnLogManager.class.getName());
    try (StoreReader store = new StoreReader(db(dir))) {
      assertThat(store.count("select count(*) from resources where process_rss_bytes > 0"))
          .as("the JDK probe sampled meanwhile")
          .isGreaterThan(2);
    }
  }

  private static Path db(Path dir) {
    return dir.resolve("s.db");
  }
}
