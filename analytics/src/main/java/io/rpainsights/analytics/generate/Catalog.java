package io.rpainsights.analytics.generate;

import io.rpainsights.analytics.generate.WorkflowModel.NodeModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The synthetic workflows: realistic RPA names, steps built from action templates with typical
 * latencies. Workflow 0 is fixed (it carries the OCR step that degrades); workflow 4, when present,
 * has a fragile step whose recovery rarely works, so that every analysis has something to find.
 */
final class Catalog {
  static final String[] NAMES = {
    "invoice-processing",
    "claims-intake",
    "customer-onboarding",
    "order-to-cash",
    "kyc-verification",
    "payroll-sync",
    "email-triage",
    "purchase-order-matching",
    "vendor-onboarding",
    "expense-audit",
    "ticket-routing",
    "contract-extraction",
    "inventory-reconciliation",
    "bank-statement-import",
    "shipment-tracking",
    "insurance-renewal",
    "hr-offboarding",
    "credit-check",
    "price-update",
    "report-distribution"
  };

  /** Recovery strategies and how often each one saves a failed step. */
  static final Map<String, Double> STRATEGY_SUCCESS =
      Map.of(
          "retry", 0.75,
          "wait-and-retry", 0.85,
          "alternate-selector", 0.6,
          "refresh-page", 0.65,
          "restart-app", 0.12);

  private record Template(
      String nodeId, String action, double medianMs, double sigma, String error, boolean cpu) {}

  private static final Template[] OPENERS = {
    new Template("open-portal", "navigate", 900, 0.30, "NavigationTimeoutException", false),
    new Template("launch-erp", "navigate", 1400, 0.25, "ApplicationNotRespondingException", false),
    new Template("open-mailbox", "navigate", 700, 0.30, "NavigationTimeoutException", false)
  };

  private static final Template[] BODY = {
    new Template("login", "type", 650, 0.25, "ElementNotFoundException", false),
    new Template("search-record", "click", 180, 0.30, "ElementNotFoundException", false),
    new Template("fill-form", "type", 480, 0.30, "ElementNotFoundException", false),
    new Template("ocr-extract", "ocr", 1800, 0.30, "OcrLowConfidenceException", true),
    new Template("parse-table", "extract", 350, 0.35, "ParseException", false),
    new Template("call-api", "http", 300, 0.40, "HttpStatusException", false),
    new Template("db-lookup", "db", 60, 0.45, "SQLTransientException", false),
    new Template("validate-data", "validate", 90, 0.30, "ValidationException", false),
    new Template("upload-document", "upload", 1200, 0.35, "UploadFailedException", false),
    new Template("classify-document", "ml", 850, 0.30, "ModelUnavailableException", true),
    new Template("download-report", "http", 950, 0.40, "HttpStatusException", false)
  };

  private static final Template[] CLOSERS = {
    new Template("send-email", "email", 500, 0.35, "SmtpException", false),
    new Template("post-erp", "http", 650, 0.35, "HttpStatusException", false),
    new Template("archive-files", "file", 220, 0.35, "IOException", false)
  };

  private static final List<String> STRATEGIES =
      List.of("retry", "wait-and-retry", "alternate-selector", "refresh-page");

  private Catalog() {}

  static List<WorkflowModel> workflows(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<WorkflowModel> result = new ArrayList<>(count);
    for (int w = 0; w < count; w++) {
      String name = w < NAMES.length ? NAMES[w] : "workflow-" + (w + 1);
      List<NodeModel> nodes = new ArrayList<>();
      if (w == 0) {
        nodes.add(node(OPENERS[0], 0.004, List.of("retry"), random));
        nodes.add(node(BODY[0], 0.003, List.of("retry"), random));
        nodes.add(node(BODY[3], 0.02, List.of("retry", "alternate-selector"), random));
        nodes.add(node(BODY[7], 0.005, List.of("retry"), random));
        nodes.add(node(CLOSERS[1], 0.01, List.of("wait-and-retry"), random));
      } else {
        Set<String> used = new HashSet<>();
        int bodySteps = 2 + random.nextInt(4); // 4..7 steps in all: ~5.3M steps per 1M runs
        nodes.add(node(OPENERS[random.nextInt(OPENERS.length)], 0.004, strategies(random), random));
        for (int i = 0; i < bodySteps; i++) {
          Template t = BODY[random.nextInt(BODY.length)];
          if (!used.add(t.nodeId)) {
            t =
                new Template(
                    t.nodeId + "-" + (i + 2), t.action, t.medianMs, t.sigma, t.error, t.cpu);
          }
          nodes.add(node(t, 0.002 + random.nextDouble() * 0.02, strategies(random), random));
        }
        nodes.add(node(CLOSERS[random.nextInt(CLOSERS.length)], 0.005, strategies(random), random));
        if (w == 4) {
          // A fragile step whose only strategy rarely helps: low success, a useless recovery.
          NodeModel n = nodes.get(1);
          nodes.set(
              1,
              new NodeModel(
                  n.nodeId(),
                  n.actionType(),
                  n.medianMs(),
                  n.sigma(),
                  0.08,
                  n.errorType(),
                  List.of("restart-app"),
                  n.cpuBound()));
        }
      }
      double weight = w == 0 ? 1.0 : 0.6 + random.nextDouble() * 0.8;
      result.add(new WorkflowModel(name, List.copyOf(nodes), weight));
    }
    return result;
  }

  private static NodeModel node(
      Template t, double failureRate, List<String> strategies, SplittableRandom random) {
    double median = t.medianMs * (0.7 + random.nextDouble() * 0.6);
    return new NodeModel(
        t.nodeId, t.action, median, t.sigma, failureRate, t.error, strategies, t.cpu);
  }

  private static List<String> strategies(SplittableRandom random) {
    List<String> list = new ArrayList<>(2);
    list.add(STRATEGIES.get(random.nextInt(STRATEGIES.size())));
    if (random.nextInt(3) == 0) {
      String second = STRATEGIES.get(random.nextInt(STRATEGIES.size()));
      if (!list.contains(second)) {
        list.add(second);
      }
    }
    return List.copyOf(list);
  }
}
