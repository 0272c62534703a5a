package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's {@code prometheus}) on loopback scrapes the agent in a forked
 * sample run; PromQL through its HTTP API must then count the run's executions, every query of the
 * shipped Grafana dashboard must be valid and return data, and the shipped alert rules must load
 * and evaluate cleanly. The server is stopped before the test returns.
 */
class PrometheusServerIT {

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aRealPrometheusScrapesTheAgentAndAnswersPromQl() throws Exception {
    Path prometheus = ExternalTools.require("prometheus", "apt-get install prometheus");
    Path db = dir.resolve("scraped.db");
    try (LingeringRun run =
        LingeringRun.start(
            PrometheusEndpointIT.sampleWithEndpoint(
                dir, db, "--runs", "60", "--threads", "2", "--seed", "12"),
            dir)) {
      long executions = run.summary("executions");
      PrometheusEndpointIT.scrapeUntilComplete(run, executions);
      URI target = URI.create(run.metricsUrl());

      int webPort = freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "global:",
              "  scrape_interval: 1s",
              "  evaluation_interval: 1s",
              "rule_files:",
              "  - " + DeployFiles.ALERTS.toAbsolutePath().normalize(),
              "scrape_configs:",
              "  - job_name: rpa-bots",
              "    static_configs:",
              "      - targets: ['" + target.getHost() + ":" + target.getPort() + "']",
              ""));
      Process server =
          new ProcessBuilder(
                  prometheus.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("tsdb"),
                  "--web.listen-address=127.0.0.1:" + webPort,
                  "--log.level=warn")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      String api = "http://127.0.0.1:" + webPort;
      try {
        run.await(() -> status(api + "/-/ready") == 200, 60, "Prometheus to be ready");

        AtomicReference<JsonNode> answer = new AtomicReference<>();
        run.await(
            () -> {
              answer.set(query(api, "sum(rpa_workflow_executions_total{job=\"rpa-bots\"})"));
              JsonNode result = answer.get().at("/data/result");
              return result.size() == 1
                  && Double.parseDouble(result.get(0).get("value").get(1).asText()) == executions;
            },
            60,
            "PromQL to count " + executions + " executions");
        assertThat(answer.get().get("status").asText()).isEqualTo("success");

        JsonNode byStatus =
            query(api, "sum by (status) (rpa_workflow_executions_total)").at("/data/result");
        for (JsonNode series : byStatus) {
          String status = series.at("/metric/status").asText();
          double value = Double.parseDouble(series.get("value").get(1).asText());
          assertThat(value)
              .as("status %s", status)
              .isEqualTo(status.equals("timeout") ? 0 : run.summary(status));
        }
        JsonNode up = query(api, "up{job=\"rpa-bots\"}").at("/data/result");
        assertThat(up).hasSize(1);
        assertThat(up.get(0).get("value").get(1).asText()).isEqualTo("1");

        // Every dashboard query, as Grafana would send it with "All" selected, once rate() has
        // two scrapes to work with.
        run.await(
            () ->
                query(api, "count(rate(rpa_workflow_executions_total[1m]))")
                        .at("/data/result")
                        .size()
                    == 1,
            60,
            "two scrapes");
        List<String> empty = new ArrayList<>();
        for (String panelQuery : DeployFiles.dashboardQueries()) {
          JsonNode result = query(api, DeployFiles.resolve(panelQuery));
          assertThat(result.get("status").asText()).as(panelQuery).isEqualTo("success");
          if (result.at("/data/result").size() == 0) {
            empty.add(panelQuery);
          }
        }
        assertThat(empty).as("dashboard queries without data").isEmpty();

        // The shipped alert rules load and evaluate without error against real agent data.
        run.await(
            () -> {
              JsonNode groups = get(api + "/api/v1/rules").at("/data/groups");
              int evaluated = 0;
              for (JsonNode group : groups) {
                for (JsonNode rule : group.get("rules")) {
                  if (!rule.get("health").asText().equals("ok")) {
                    return false;
                  }
                  evaluated++;
                }
              }
              return evaluated == 9;
            },
            60,
            "the alert rules to evaluate");
        JsonNode firing = get(api + "/api/v1/alerts").at("/data/alerts");
        List<String> alerts = new ArrayList<>();
        for (JsonNode alert : firing) {
          alerts.add(alert.at("/labels/alertname").asText());
        }
        assertThat(alerts)
            .as("a healthy agent that dropped nothing raises no agent alert")
            .doesNotContain(
                "RpaAgentDown",
                "RpaAgentsAbsent",
                "RpaAgentDroppingEvents",
                "RpaAgentStoreWriteErrors",
                "RpaAgentQueueNearlyFull");
      } finally {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
          server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      }
      assertThat(server.isAlive()).isFalse();
      assertThat(run.finish()).isZero();
    }
  }

  private JsonNode query(String api, String promql) {
    return get(api + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  private JsonNode get(String url) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
      return json.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("GET " + url + " failed", e);
    }
  }

  private int status(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception notYet) {
      return -1;
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
