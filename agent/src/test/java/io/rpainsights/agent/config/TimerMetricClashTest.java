package io.rpainsights.agent.config;

import static io.rpainsights.agent.config.ConfigFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.log.CapturedAgentLog;
import io.rpainsights.agent.metrics.PrometheusSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's verdict on timer metric names checked against the Prometheus client's own: a timers
 * rule is dropped exactly when the exporter, given the same rules, would fail to register one of
 * its metrics.
 */
class TimerMetricClashTest {

  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();
  @TempDir Path dir;

  /** Present in every candidate config, so clashes between two timers are tried too. */
  private static final String[] FIRST_TIMER = {"api", "tokens"};

  @Test
  void theAgentsOwnMetricsAreTheOnesTheExporterRegisters() {
    Set<String> registered = new TreeSet<>();
    for (MetricSnapshot snapshot : exporter(AgentConfig.defaults()).registry().scrape()) {
      registered.add(snapshot.getMetadata().getPrometheusName() + " " + type(snapshot));
    }
    Set<String> known = new TreeSet<>();
    for (MetricNamespace.Metric metric : MetricNamespace.AGENT_METRICS) {
      known.add(metric.family + " " + metric.type);
    }
    assertThat(known).isEqualTo(registered);
  }

  @Test
  void aTimerIsDroppedExactlyWhenTheExporterWouldRefuseOneOfItsMetrics() {
    List<String> disagreements = new ArrayList<>();
    int clashes = 0;
    List<String[]> candidates = candidates();
    for (String[] candidate : candidates) {
      boolean dropped = loaderDrops(candidate);
      boolean refused = exporterRefuses(candidate);
      if (dropped != refused) {
        disagreements.add(
            String.join(" ", candidate)
                + ": loader drops "
                + dropped
                + ", exporter refuses "
                + refused);
      }
      clashes += refused ? 1 : 0;
    }
    assertThat(disagreements).isEmpty();
    assertThat(clashes).as("candidates that clash").isGreaterThan(20);
    assertThat(candidates.size() - clashes).as("candidates that do not").isGreaterThan(20);
  }

  /**
   * Timers made from the pieces of every metric name in play: for each '_' in a name, the part
   * before it as the timer name, alone or with the rest (with or without its {@code _total}) as a
   * value. Each is {@code {timer}} or {@code {timer, value}}.
   */
  private static List<String[]> candidates() {
    List<String> names = new ArrayList<>();
    for (MetricNamespace.Metric metric : MetricNamespace.AGENT_METRICS) {
      names.add(metric.name);
    }
    names.add(MetricNames.timerCalls(FIRST_TIMER[0]));
    names.add(MetricNames.timerDuration(FIRST_TIMER[0]));
    names.add(MetricNames.timerValue(FIRST_TIMER[0], FIRST_TIMER[1]));
    List<String[]> candidates = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (String name : names) {
      for (int cut = name.indexOf('_'); cut > 0; cut = name.indexOf('_', cut + 1)) {
        String timer = name.substring(0, cut);
        String rest = name.substring(cut + 1);
        String[][] made = {
          {timer}, {timer, rest}, {timer, rest.replaceFirst("_total$", "")}, {name},
        };
        for (String[] candidate : made) {
          if (candidate[candidate.length - 1].isEmpty()) {
            continue;
          }
          if (seen.add(String.join(" ", candidate))) {
            candidates.add(candidate);
          }
        }
      }
    }
    return candidates;
  }

  private boolean loaderDrops(String[] candidate) {
    write(
        dir,
        "bot.yaml",
        "instrument:",
        "  timers:",
        "    - " + timerRule(FIRST_TIMER),
        "    - " + timerRule(candidate));
    ConfigLoader.Result result =
        ConfigLoader.load("config=bot.yaml", new Properties(), new HashMap<>(), dir);
    assertThat(result.fatal()).isNull();
    return result.config().rules().size() < 2;
  }

  private static String timerRule(String[] timer) {
    return "{ type: com.x.Api, method: call, name: "
        + timer[0]
        + (timer.length > 1 ? ", values: { " + timer[1] + ": return.amount }" : "")
        + " }";
  }

  private boolean exporterRefuses(String[] candidate) {
    log.clear();
    exporter(AgentConfig.builder().addRule(timer(FIRST_TIMER)).addRule(timer(candidate)).build());
    return log.text().contains("could not be registered");
  }

  private static Rule.Builder timer(String[] timer) {
    Rule.Builder rule = Rule.builder(Role.TIMER, "com.x.Api", "call").name(timer[0]);
    return timer.length > 1 ? rule.value(timer[1], "return.amount") : rule;
  }

  private static PrometheusSink exporter(AgentConfig config) {
    return PrometheusSink.create(config, new AgentHealth(), () -> 0, 16, "1.0", "bot-1", 1);
  }

  private static MetricNamespace.Type type(MetricSnapshot snapshot) {
    if (snapshot instanceof CounterSnapshot) {
      return MetricNamespace.Type.COUNTER;
    }
    if (snapshot instanceof HistogramSnapshot) {
      return MetricNamespace.Type.HISTOGRAM;
    }
    if (snapshot instanceof InfoSnapshot) {
      return MetricNamespace.Type.INFO;
    }
    assertThat(snapshot).isInstanceOf(GaugeSnapshot.class);
    return MetricNamespace.Type.GAUGE;
  }
}
