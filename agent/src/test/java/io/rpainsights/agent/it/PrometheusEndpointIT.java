package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rpainsights.itapp.HostileIdsApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample engine under the agent with {@code prometheus.enabled}: what a scraper reads from
 * {@code /metrics} once the run is over must add up to the engine's own SUMMARY and to the rows of
 * the store, carry every documented name, pass {@code promtool check metrics}, respect the label
 * cap, and never cost the application anything when the port is taken.
 */
class PrometheusEndpointIT {

  /** DESIGN.md "Prometheus", plus the health figures the issue asks for. */
  static final List<String> DOCUMENTED_NAMES =
      List.of(
          "rpa_workflow_executions_total",
          "rpa_workflow_duration_seconds_bucket",
          "rpa_workflow_duration_seconds_count",
          "rpa_workflow_duration_seconds_sum",
          "rpa_workflow_executions_running",
          "rpa_step_executions_total",
          "rpa_step_duration_seconds_bucket",
          "rpa_recovery_attempts_total",
          "rpa_recovery_duration_seconds_bucket",
          "rpa_agent_events_dropped_total",
          "rpa_agent_queue_depth",
          "rpa_agent_queue_capacity",
          "rpa_agent_store_write_errors_total",
          "rpa_agent_events_stored_total",
          "rpa_agent_unattributed_total",
          "rpa_agent_extractor_errors_total",
          "rpa_agent_label_values_capped_total",
          "rpa_agent_info",
          "rpa_agent_start_time_seconds",
          "ui_detection_calls_total",
          "ui_detection_duration_seconds_bucket",
          "ui_detection_tokens_total",
          "rpa_process_cpu_percent",
          "rpa_process_resident_memory_bytes",
          "rpa_jvm_heap_used_bytes");

  @TempDir Path dir;

  static ForkedJvm sampleWithEndpoint(Path dir, Path db, String... sampleArguments)
      throws IOException {
    return LingeringRun.jvm(dir, sampleArguments)
        .withAgent("config=" + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath())
        .property("rpa.insights.store.path", db.toString())
        .property("rpa.insights.collector.flushIntervalMs", "100")
        .property("rpa.insights.resources.intervalMs", "200")
        .property("rpa.insights.prometheus.enabled", "true")
        .property("rpa.insights.prometheus.port", "0");
  }

  /** Scrapes until {@code rpa_workflow_executions_total} adds up to {@code executions}. */
  static Exposition scrapeUntilComplete(LingeringRun run, long executions) throws Exception {
    String url = run.metricsUrl();
    long steps = run.summary("steps");
    AtomicReference<Exposition> last = new AtomicReference<>();
    run.await(
        () -> {
          try {
            last.set(Exposition.scrape(url));
          } catch (Exception e) {
            throw new AssertionError("scrape of " + url + " failed", e);
          }
          // A scrape reads one family after another while the sink may still apply the last
          // batch, and a failed step can follow its execution's end: wait for both totals.
          return last.get().sum("rpa_workflow_executions_total") == executions
              && last.get().sum("rpa_step_executions_total") == steps;
        },
        30,
        "the metrics to count " + executions + " executions and " + steps + " steps");
    return last.get();
  }

  @Test
  void theScrapeAddsUpToTheRunAndToTheStore() throws Exception {
    Path db = dir.resolve("metrics.db");
    try (LingeringRun run =
        LingeringRun.start(
            sampleWithEndpoint(dir, db, "--runs", "120", "--threads", "4", "--seed", "9"), dir)) {
      long executions = run.summary("executions");
      assertThat(executions).isGreaterThanOrEqualTo(120);
      Exposition metrics = scrapeUntilComplete(run, executions);

      assertThat(metrics.names()).containsAll(DOCUMENTED_NAMES);
      assertThat(metrics.sum("rpa_workflow_executions_total", "status", "success"))
          .isEqualTo(run.summary("success"));
      assertThat(metrics.sum("rpa_workflow_executions_total", "status", "failed"))
          .isEqualTo(run.summary("failed"));
      assertThat(metrics.sum("rpa_workflow_executions_total", "status", "timeout")).isZero();
      assertThat(metrics.sum("rpa_workflow_duration_seconds_count")).isEqualTo(executions);
      assertThat(metrics.sum("rpa_workflow_executions_running")).isZero();
      assertThat(metrics.sum("rpa_step_executions_total")).isEqualTo(run.summary("steps"));
      assertThat(metrics.sum("rpa_step_executions_total", "status", "failed"))
          .isEqualTo(run.summary("failedSteps"));
      assertThat(metrics.sum("rpa_step_executions_total", "status", "recovered"))
          .isEqualTo(run.summary("recoveredSteps"));
      assertThat(metrics.sum("rpa_step_duration_seconds_count")).isEqualTo(run.summary("steps"));
      assertThat(metrics.sum("rpa_recovery_attempts_total")).isEqualTo(run.summary("recoveries"));
      assertThat(metrics.sum("rpa_agent_events_dropped_total")).isZero();
      assertThat(metrics.sum("rpa_agent_store_write_errors_total")).isZero();
      assertThat(metrics.sum("rpa_agent_unattributed_total")).isZero();
      assertThat(metrics.sum("rpa_agent_queue_capacity")).isEqualTo(65536);
      assertThat(metrics.sum("rpa_agent_info", "version", "0.1.0-SNAPSHOT")).isEqualTo(1);
      assertThat(metrics.labelValues("rpa_step_executions_total", "status"))
          .containsExactly("failed", "recovered", "success");
      for (Exposition.Sample sample : metrics.samples) {
        if (sample.name.startsWith("rpa_step_executions")) {
          assertThat(sample.labels).containsOnlyKeys("workflow", "action", "status");
        }
      }

      try (StoreReader store = new StoreReader(db)) {
        assertThat(metrics.sum("rpa_workflow_duration_seconds_sum") * 1000)
            .as("durations: the histogram's sum equals the store's")
            .isCloseTo(
                store.numbers("select sum(duration_ms) from executions").get(0), within(0.5));
        assertThat(metrics.sum("rpa_step_duration_seconds_sum") * 1000)
            .isCloseTo(store.numbers("select sum(duration_ms) from steps").get(0), within(0.5));
        for (String le : List.of("0.005", "0.025", "0.1", "1.0")) {
          assertThat(metrics.sum("rpa_step_duration_seconds_bucket", "le", le))
              .as("steps of at most %s s", le)
              .isEqualTo(
                  store.count("select count(*) from steps where duration_ms <= " + le + " * 1000"));
        }
        assertThat(metrics.sum("rpa_recovery_attempts_total", "outcome", "success"))
            .isEqualTo(store.count("select count(*) from recoveries where success = 1"));
        long timerCalls = store.count("select count(*) from timers where name = 'ui_detection'");
        assertThat(timerCalls).isPositive();
        assertThat(metrics.sum("ui_detection_calls_total")).isEqualTo(timerCalls);
        assertThat(metrics.sum("ui_detection_calls_total", "outcome", "failure"))
            .isEqualTo(
                store.count(
                    "select count(*) from timers where name = 'ui_detection' and success = 0"));
        assertThat(metrics.sum("ui_detection_duration_seconds_count")).isEqualTo(timerCalls);
        assertThat(metrics.labelValues("ui_detection_calls_total", "provider"))
            .containsExactlyInAnyOrderElementsOf(
                store.texts(
                    "select distinct json_extract(labels, '$.provider') from timers"
                        + " where name = 'ui_detection'"));
      }
      assertThat(metrics.sum("ui_detection_tokens_total")).isPositive();

      assertThat(run.finish()).isZero();
      assertThat(run.agentLines()).as(run.toString()).hasSize(2);
      assertThat(run.agentLines().get(1))
          .startsWith("[rpa-insights] prometheus: serving http://127.0.0.1:");

      // Last: without promtool (and without rpa.requireExternalTools) this part is skipped.
      Path scraped = dir.resolve("scrape.txt");
      Files.writeString(scraped, metrics.text, StandardCharsets.UTF_8);
      promtoolCheckMetrics(scraped);
    }
  }

  @Test
  void workflowIdsBeyondTheCapBecomeOtherAndTheTotalsStillAddUp() throws Exception {
    Path db = dir.resolve("capped.db");
    ForkedJvm jvm =
        sampleWithEndpoint(dir, db, "--runs", "60", "--seed", "3")
            .property("rpa.insights.prometheus.maxLabelValues", "2");
    try (LingeringRun run = LingeringRun.start(jvm, dir)) {
      long executions = run.summary("executions");
      Exposition metrics = scrapeUntilComplete(run, executions);

      assertThat(metrics.labelValues("rpa_workflow_executions_total", "workflow"))
          .hasSize(3)
          .contains("other");
      assertThat(metrics.labelValues("rpa_step_executions_total", "workflow"))
          .isEqualTo(metrics.labelValues("rpa_workflow_executions_total", "workflow"));
      assertThat(metrics.labelValues("rpa_step_duration_seconds_count", "action"))
          .hasSizeLessThanOrEqualTo(3);
      assertThat(metrics.sum("rpa_workflow_executions_total", "workflow", "other")).isPositive();
      assertThat(metrics.sum("rpa_step_executions_total")).isEqualTo(run.summary("steps"));
      assertThat(metrics.sum("rpa_recovery_attempts_total")).isEqualTo(run.summary("recoveries"));
      assertThat(metrics.sum("rpa_agent_label_values_capped_total")).isPositive();
      assertThat(run.finish()).isZero();
      assertThat(run.agentLines())
          .filteredOn(line -> line.contains("label 'workflow'"))
          .singleElement()
          .asString()
          .contains("reached 2 distinct values (prometheus.maxLabelValues)");

      Path scraped = dir.resolve("capped.txt");
      Files.writeString(scraped, metrics.text, StandardCharsets.UTF_8);
      promtoolCheckMetrics(scraped);
    }
  }

  @Test
  void idsNoLabelShouldCarryAsTheyAreAreExposedBoundedAndCleanAndStoredInFull() throws Exception {
    Path db = dir.resolve("hostile-ids.db");
    Path config = TestConfigs.write(dir, "hostile-ids.yaml", TestConfigs.MINI_ENGINE);
    ForkedJvm jvm =
        ForkedJvm.testApp(HostileIdsApp.class)
            .withAgent("config=" + config + ",store.path=" + db)
            .property("rpa.insights.prometheus.enabled", "true")
            .property("rpa.insights.prometheus.port", "0")
            .property("rpa.insights.prometheus.nodeLabels", "true");
    try (LingeringRun run = LingeringRun.start(jvm, dir)) {
      // The run is over in milliseconds, maybe before the endpoint has started.
      run.await(() -> run.stderr().contains("prometheus: serving"), 30, "the endpoint");
      Exposition metrics = scrapeUntilComplete(run, HostileIdsApp.WORKFLOW_IDS.size());

      Set<String> workflows = metrics.labelValues("rpa_workflow_executions_total", "workflow");
      assertThat(workflows)
          .as("every id its own series, the two long ones included")
          .hasSize(HostileIdsApp.WORKFLOW_IDS.size());
      for (String label : List.of("workflow", "node", "action")) {
        assertThat(metrics.labelValues("rpa_step_executions_total", label))
            .as(label)
            .isNotEmpty()
            .allSatisfy(
                value -> {
                  assertThat(value.codePointCount(0, value.length())).isLessThanOrEqualTo(256);
                  assertThat(value.codePoints())
                      .as("no control character, no unpaired surrogate")
                      .noneMatch(
                          c ->
                              c < 0x20
                                  || c >= 0x7f && c < 0xa0
                                  || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
                });
      }
      assertThat(metrics.text.chars()).noneMatch(c -> c < 0x20 && c != '\n');
      try (StoreReader store = new StoreReader(db)) {
        assertThat(store.texts("select workflow_id from executions"))
            .as("the store keeps the ids as they were")
            .containsAll(HostileIdsApp.WORKFLOW_IDS.subList(0, 3));
      }
      assertThat(run.finish()).isZero();

      Path scraped = dir.resolve("hostile-ids.txt");
      Files.writeString(scraped, metrics.text, StandardCharsets.UTF_8);
      promtoolCheckMetrics(scraped);
    }
  }

  @Test
  void aTakenPortCostsOneLineAndTheApplicationRunsAsWithoutTheAgent() throws Exception {
    ForkedJvm.Result plain =
        ForkedJvm.jar(ForkedJvm.SAMPLE_JAR, "--runs", "30", "--seed", "4").run();
    Path db = dir.resolve("taken.db");
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      ForkedJvm.Result run =
          ForkedJvm.jar(ForkedJvm.SAMPLE_JAR, "--runs", "30", "--seed", "4")
              .withAgent("config=" + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath())
              .property("rpa.insights.store.path", db.toString())
              .property("rpa.insights.prometheus.enabled", "true")
              .property("rpa.insights.prometheus.port", Integer.toString(taken.getLocalPort()))
              .run();
      assertThat(run.exitCode).as(run.toString()).isZero();
      assertThat(run.stdout).isEqualTo(plain.stdout);
      assertThat(run.agentLines())
          .as(run.toString())
          .filteredOn(line -> line.contains("prometheus"))
          .singleElement()
          .asString()
          .startsWith(
              "[rpa-insights] prometheus: cannot serve /metrics on 127.0.0.1:"
                  + taken.getLocalPort())
          .contains("the application is unaffected");
      assertThat(run.agentLines()).hasSize(2);
      assertThat(run.stderr).doesNotContainPattern("(?m)^\\s+at [a-z]");
    }
    SampleEndToEndIT.assertStoreMatchesSummary(new ForkedJvm.Result(0, plain.stdout, ""), db);
  }

  static void promtoolCheckMetrics(Path exposition) throws Exception {
    Path promtool = ExternalTools.require("promtool", "apt-get install prometheus");
    ProcessBuilder builder = new ProcessBuilder(promtool.toString(), "check", "metrics");
    builder.redirectInput(exposition.toFile());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("promtool check metrics:\n%s", output).isZero();
  }
}
