package io.rpainsights.sample;

import static io.rpainsights.sample.ActionTypes.API_CALL;
import static io.rpainsights.sample.ActionTypes.CLICK;
import static io.rpainsights.sample.ActionTypes.EXTRACT;
import static io.rpainsights.sample.ActionTypes.NAVIGATE;
import static io.rpainsights.sample.ActionTypes.OCR;
import static io.rpainsights.sample.ActionTypes.TYPE;
import static io.rpainsights.sample.ActionTypes.WAIT;
import static io.rpainsights.sample.Node.step;

import java.util.List;
import java.util.SplittableRandom;

/** The workflows the sample bot runs, and how often it runs each. */
final class WorkflowCatalog {

  /** The child workflow that customer onboarding runs as a nested execution. */
  static final Workflow IDENTITY_VERIFICATION =
      new Workflow(
          "identity-verification",
          List.of(
              step("open-kyc-portal", NAVIGATE, "https://kyc.example.test/verify"),
              step("enter-document-number", TYPE, "#document-number"),
              step("read-id-document", OCR, "region:id-document"),
              step("kyc-lookup", API_CALL, "POST https://kyc.example.test/api/lookup"),
              step("kyc-decision", WAIT, "#decision-banner")));

  static final Workflow INVOICE_PROCESSING =
      new Workflow(
          "invoice-processing",
          List.of(
              step("open-erp", NAVIGATE, "https://erp.example.test/login"),
              step("enter-username", TYPE, "#username"),
              step("enter-password", TYPE, "#password"),
              step("submit-login", CLICK, "button#login"),
              step("open-invoice-inbox", NAVIGATE, "https://erp.example.test/invoices/inbox"),
              step("open-next-invoice", CLICK, "table.invoices tr:first-child"),
              step("read-invoice-scan", OCR, "region:invoice-header"),
              step("extract-invoice-total", EXTRACT, "#invoice-total"),
              step("post-invoice", API_CALL, "POST https://erp.example.test/api/invoices"),
              step("archive-invoice", CLICK, "button.archive").asOptional()));

  static final Workflow CUSTOMER_ONBOARDING =
      new Workflow(
          "customer-onboarding",
          List.of(
              step("open-crm", NAVIGATE, "https://crm.example.test/customers"),
              step("new-customer", CLICK, "button#new-customer"),
              step("enter-customer-name", TYPE, "#customer-name"),
              step("enter-customer-email", TYPE, "#customer-email"),
              Node.subWorkflow("verify-identity", IDENTITY_VERIFICATION),
              step("save-customer", CLICK, "button#save"),
              step("send-welcome-email", API_CALL, "POST https://mail.example.test/api/send")
                  .asOptional(),
              step("crm-sync-complete", WAIT, "#sync-status")));

  static final Workflow REPORT_DOWNLOAD =
      new Workflow(
          "report-download",
          List.of(
              step("open-reporting-portal", NAVIGATE, "https://reports.example.test"),
              step("open-reports-menu", CLICK, "nav#reports"),
              Node.parallel(
                  "fetch-reports",
                  List.of(
                      step(
                          "fetch-sales-report", API_CALL, "GET https://reports.example.test/sales"),
                      step(
                          "fetch-inventory-report",
                          API_CALL,
                          "GET https://reports.example.test/inventory"),
                      step("scrape-kpi-dashboard", EXTRACT, "#kpi-table"),
                      step("read-scanned-ledger", OCR, "region:ledger-scan").asOptional())),
              step("merge-reports", WAIT, "#merge-status"),
              step("upload-report-archive", API_CALL, "PUT https://files.example.test/reports"),
              step("confirm-upload", CLICK, "button#confirm")));

  static final Workflow EMAIL_TRIAGE =
      new Workflow(
          "email-triage",
          List.of(
              step("open-mailbox", NAVIGATE, "https://mail.example.test/inbox"),
              step("list-unread-messages", EXTRACT, "ul.unread"),
              step("open-first-message", CLICK, "ul.unread li:first-child"),
              step("read-subject", EXTRACT, "h1.subject"),
              step("read-attachment", OCR, "region:attachment-preview").asOptional(),
              step("classify-message", API_CALL, "POST https://ml.example.test/api/classify"),
              step("move-to-folder", CLICK, "button#move"),
              step("mailbox-synced", WAIT, "#sync-indicator")));

  /** Top-level workflows with the share of runs each gets. */
  private static final List<Workflow> WORKFLOWS =
      List.of(INVOICE_PROCESSING, CUSTOMER_ONBOARDING, REPORT_DOWNLOAD, EMAIL_TRIAGE);

  private static final double[] WEIGHTS = {0.35, 0.25, 0.20, 0.20};

  private WorkflowCatalog() {}

  static List<Workflow> topLevel() {
    return WORKFLOWS;
  }

  /** The share of runs {@code workflow} gets (0 for workflows that are only children). */
  static double weightOf(Workflow workflow) {
    int index = WORKFLOWS.indexOf(workflow);
    return index < 0 ? 0.0 : WEIGHTS[index];
  }

  /** Picks the workflow of one run; consumes exactly one uniform number. */
  static Workflow pick(SplittableRandom random) {
    double u = random.nextDouble();
    for (int i = 0; i < WEIGHTS.length - 1; i++) {
      if (u < WEIGHTS[i]) {
        return WORKFLOWS.get(i);
      }
      u -= WEIGHTS[i];
    }
    return WORKFLOWS.get(WORKFLOWS.size() - 1);
  }
}
