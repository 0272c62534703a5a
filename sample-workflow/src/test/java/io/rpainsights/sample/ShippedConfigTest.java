package io.rpainsights.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.sample.healing.RecoveryResult;
import io.rpainsights.sample.healing.SelfHealingEngine;
import io.rpainsights.sample.vision.Detection;
import io.rpainsights.sample.vision.OcrDetector;
import io.rpainsights.sample.vision.Screenshot;
import io.rpainsights.sample.vision.TemplateDetector;
import io.rpainsights.sample.vision.TokenUsage;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped {@code rpa-insights.yaml} must keep naming real public methods, and its expressions
 * must reach real values on them. Expressions are evaluated here the way DESIGN.md defines them
 * (each {@code .name} tries {@code name()}, then {@code getName()}/{@code isName()}, then a field).
 */
class ShippedConfigTest {

  private static Map<String, Object> config;

  @BeforeAll
  static void load() throws Exception {
    try (Reader reader = Files.newBufferedReader(Path.of("rpa-insights.yaml"))) {
      config = new Yaml().load(reader);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> onlyRule(String role) {
    List<Map<String, Object>> rules =
        (List<Map<String, Object>>) map(config, "instrument").get(role);
    assertThat(rules).as(role).hasSize(1);
    return rules.get(0);
  }

  /** The public methods of {@code type} that the rule's method pattern matches. */
  private static List<Method> matched(Class<?> type, Map<String, Object> rule) {
    Pattern pattern = Pattern.compile(((String) rule.get("method")).replace("*", "[^.]*"));
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
        .filter(m -> pattern.matcher(m.getName()).matches())
        .toList();
  }

  private static Object evaluate(String expression, Object self, Object[] args, Object returned)
      throws Exception {
    String[] parts = expression.split("\\.");
    Object value =
        switch (parts[0]) {
          case "this" -> self;
          case "return" -> returned;
          default -> args[Integer.parseInt(parts[0].substring(3))];
        };
    for (int i = 1; i < parts.length && value != null; i++) {
      value = member(value, parts[i].replace("()", ""));
    }
    return value;
  }

  private static Object member(Object target, String name) throws Exception {
    String capital = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (String candidate : List.of(name, "get" + capital, "is" + capital)) {
      try {
        return target.getClass().getMethod(candidate).invoke(target);
      } catch (NoSuchMethodException e) {
        // try the next spelling, then a field
      }
    }
    return target.getClass().getField(name).get(target);
  }

  @Test
  void storeIsTheDocumentedFileAndTheAgentIsOn() {
    assertThat(config.get("enabled")).isEqualTo(true);
    assertThat(map(config, "store").get("path")).isEqualTo("rpa-insights.db");
    assertThat(map(config, "instrument"))
        .containsOnlyKeys("executions", "steps", "recoveries", "timers");
  }

  @Test
  void executionRuleReadsTheWorkflowAndItsResult() throws Exception {
    Map<String, Object> rule = onlyRule("executions");
    assertThat(rule.get("type")).isEqualTo(ExecutionLoop.class.getName());
    assertThat(matched(ExecutionLoop.class, rule))
        .singleElement()
        .satisfies(m -> assertThat(m.getParameterTypes()).containsExactly(Workflow.class));

    Object[] args = {WorkflowCatalog.REPORT_DOWNLOAD};
    ExecutionResult failed = new ExecutionResult("report-download", "failed", "boom", 3, 1, 0);
    assertThat(evaluate((String) rule.get("workflowId"), null, args, failed))
        .isEqualTo("report-download");
    assertThat(evaluate(String.valueOf(rule.get("totalSteps")), null, args, failed)).isEqualTo(10);
    assertThat(evaluate((String) rule.get("status"), null, args, failed)).isEqualTo("failed");
    assertThat(evaluate((String) rule.get("error"), null, args, failed)).isEqualTo("boom");
  }

  @Test
  void stepRuleReadsTheNodeAndItsResult() throws Exception {
    Map<String, Object> rule = onlyRule("steps");
    assertThat(rule.get("type")).isEqualTo(ExecutionLoop.class.getName());
    assertThat(matched(ExecutionLoop.class, rule))
        .singleElement()
        .satisfies(m -> assertThat(m.getParameterTypes()).containsExactly(Node.class));

    Object[] args = {Node.step("read", ActionTypes.OCR, "region:x")};
    StepResult result = StepResult.failed("unreadable");
    assertThat(evaluate((String) rule.get("nodeId"), null, args, result)).isEqualTo("read");
    assertThat(evaluate((String) rule.get("actionType"), null, args, result)).isEqualTo("ocr");
    assertThat(evaluate((String) rule.get("success"), null, args, result)).isEqualTo(false);
    assertThat(evaluate((String) rule.get("error"), null, args, result)).isEqualTo("unreadable");
  }

  @Test
  void recoveryRuleReadsTheNodeFromTheSecondArgumentAndTheStrategyFromTheResult() throws Exception {
    Map<String, Object> rule = onlyRule("recoveries");
    assertThat(rule.get("type")).isEqualTo(SelfHealingEngine.class.getName());
    assertThat(matched(SelfHealingEngine.class, rule))
        .singleElement()
        .satisfies(m -> assertThat(m.getParameterTypes()[1]).isEqualTo(Node.class));

    Object[] args = {null, Node.step("buy", ActionTypes.CLICK, "#buy"), "gone"};
    RecoveryResult result = new RecoveryResult("alternative-selector", true);
    assertThat(evaluate((String) rule.get("nodeId"), null, args, result)).isEqualTo("buy");
    assertThat(evaluate((String) rule.get("strategy"), null, args, result))
        .isEqualTo("alternative-selector");
    assertThat(evaluate((String) rule.get("success"), null, args, result)).isEqualTo(true);
  }

  @Test
  void timerRuleCoversBothDetectorsAndReadsProviderCacheAndTokens() throws Exception {
    Map<String, Object> rule = onlyRule("timers");
    assertThat(rule.get("name")).isEqualTo("ui_detection");
    Pattern type =
        Pattern.compile(((String) rule.get("type")).replace(".", "\\.").replace("*", "[^.]*"));
    assertThat(List.of(OcrDetector.class, TemplateDetector.class))
        .allSatisfy(c -> assertThat(type.matcher(c.getName()).matches()).isTrue());
    assertThat(matched(OcrDetector.class, rule))
        .extracting(Method::getName)
        .containsExactly("detectText");
    assertThat(matched(TemplateDetector.class, rule))
        .extracting(Method::getName)
        .containsExactly("detectElement");

    OcrDetector ocr = OcrDetector.cloudVision(ms -> {});
    Detection detection = new Detection("text", 0.9, false, new TokenUsage(500, 20));
    Object[] args = {new Screenshot("r", 1, false)};
    assertThat(evaluate((String) map(rule, "labels").get("provider"), ocr, args, detection))
        .isEqualTo("cloud-vision");
    assertThat(evaluate((String) map(rule, "labels").get("cache"), ocr, args, detection))
        .isEqualTo(false);
    assertThat(evaluate((String) map(rule, "values").get("tokens"), ocr, args, detection))
        .isEqualTo(520);
  }
}
