package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.itapp.HttpServerApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus client's HTTP server sets JVM-wide time limits for every JDK HTTP server when it
 * loads; with the agent's endpoint running, the application's own server must still get the JDK's
 * defaults, and the properties must not be left behind.
 */
class HttpServerLimitsIT {

  private static final String OPEN = "--add-opens=jdk.httpserver/sun.net.httpserver=ALL-UNNAMED";

  @TempDir Path dir;

  @Test
  void theApplicationsHttpServerKeepsTheJdkDefaultsWhileTheEndpointRuns() throws Exception {
    Path config =
        TestConfigs.write(
            dir,
            "prometheus.yaml",
            String.join(
                "\n",
                "resources: { enabled: false }",
                "prometheus: { enabled: true, port: 0 }",
                "instrument: {}",
                ""));
    ForkedJvm.Result plain = ForkedJvm.testApp(HttpServerApp.class).jvmOption(OPEN).run();
    ForkedJvm.Result run =
        ForkedJvm.testApp(HttpServerApp.class)
            .jvmOption(OPEN)
            .property("itapp.awaitOtherServer", "true")
            .withAgent("config=" + config + ",store.path=" + dir.resolve("s.db"))
            .run();

    assertThat(plain.exitCode).as(plain.toString()).isZero();
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stderr).contains("other server seen: true");
    assertThat(plain.stdout).contains("maxReqTime=-1", "properties=null,null");
    assertThat(run.stdout).isEqualTo(plain.stdout);
  }
}
