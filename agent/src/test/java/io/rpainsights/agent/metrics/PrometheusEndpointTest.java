package io.rpainsights.agent.metrics;

import static io.rpainsights.agent.metrics.MetricEvents.batch;
import static io.rpainsights.agent.metrics.MetricEvents.finish;
import static io.rpainsights.agent.metrics.MetricEvents.start;
import static io.rpainsights.agent.metrics.MetricEvents.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.config.AgentConfig;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.log.CapturedAgentLog;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrometheusEndpointTest {

  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheAgentsOwnRegistryOnLoopbackInTheTextFormat() throws Exception {
    PrometheusSink sink =
        PrometheusSink.create(AgentConfig.defaults(), new AgentHealth(), () -> 0, 64, "t", "h", 1);
    sink.accept(
        batch(
            start("e", "invoice"),
            step("invoice", "n", "click", StepRecord.SUCCESS, 12),
            finish("e", "invoice", "success", 40)));
    PrometheusEndpoint endpoint = PrometheusEndpoint.start("127.0.0.1", 0, sink.registry());
    assertThat(endpoint).isNotNull();
    try {
      assertThat(endpoint.url()).isEqualTo("http://127.0.0.1:" + endpoint.port() + "/metrics");
      HttpResponse<String> response = get(endpoint.url());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      String body = response.body();
      assertThat(body)
          .contains("# TYPE rpa_workflow_executions_total counter")
          .contains("rpa_workflow_executions_total{status=\"success\",workflow=\"invoice\"} 1.0")
          .contains("# TYPE rpa_workflow_duration_seconds histogram")
          .contains("rpa_workflow_duration_seconds_bucket{workflow=\"invoice\",le=\"0.05\"} 1")
          .contains("rpa_step_duration_seconds_count{action=\"click\",workflow=\"invoice\"} 1")
          .contains("rpa_agent_queue_depth 0.0")
          .doesNotContain("jvm_")
          .doesNotContain("process_cpu_seconds_total");
      assertThat(get("http://127.0.0.1:" + endpoint.port() + "/-/healthy").statusCode())
          .isEqualTo(200);
      assertThat(log.text())
          .isEqualTo("[rpa-insights] prometheus: serving " + endpoint.url() + "\n");
    } finally {
      endpoint.close();
    }
  }

  @Test
  void aPortInUseGivesOneLineAndNoEndpoint() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      PrometheusEndpoint endpoint =
          PrometheusEndpoint.start("127.0.0.1", taken.getLocalPort(), new PrometheusRegistry());
      assertThat(endpoint).isNull();
    }
    String[] lines = log.text().split("\n");
    assertThat(lines).hasSize(1);
    assertThat(lines[0])
        .startsWith("[rpa-insights] prometheus: cannot serve /metrics on 127.0.0.1:")
        .contains("Address already in use")
        .contains("the application is unaffected");
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith(PrometheusEndpoint.THREAD_NAME) && t.isAlive());
  }

  @Test
  void anUnresolvableHostGivesOneLineAndNoEndpoint() {
    PrometheusEndpoint endpoint =
        PrometheusEndpoint.start("no-such-host.invalid", 0, new PrometheusRegistry());
    assertThat(endpoint).isNull();
    assertThat(log.text())
        .startsWith("[rpa-insights] prometheus: cannot serve /metrics on no-such-host.invalid:0")
        .doesNotContain("\tat ");
  }

  @Test
  void theServersThreadsNeverKeepTheJvmAlive() throws Exception {
    // Started from a non-daemon thread, as an attach could do: its threads must still be daemons.
    PrometheusEndpoint[] started = new PrometheusEndpoint[1];
    Thread starter =
        new Thread(
            () -> started[0] = PrometheusEndpoint.start("127.0.0.1", 0, new PrometheusRegistry()));
    starter.setDaemon(false);
    starter.start();
    starter.join();
    try {
      assertThat(get(started[0].url()).statusCode()).isEqualTo(200);
      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(
              t ->
                  t.getName().startsWith(PrometheusEndpoint.THREAD_NAME)
                      || t.getName().startsWith("HTTP-Dispatcher"))
          .isNotEmpty()
          .allMatch(Thread::isDaemon);
    } finally {
      started[0].close();
    }
  }
}
