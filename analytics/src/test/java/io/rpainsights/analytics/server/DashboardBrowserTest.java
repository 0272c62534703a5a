package io.rpainsights.analytics.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.engine.stat.HumanDuration;
import io.rpainsights.analytics.testing.Expected;
import io.rpainsights.analytics.testing.StoreFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end in a real headless Chromium: it shows the figures of a store built row
 * by row (count, success rate, median and p95 computed here independently with the textbook R-7
 * formula), draws the trend and bottleneck charts, and a running execution inserted into the store
 * afterwards appears with its progress bar through the live stream. The server requires a token, so
 * the browser goes through the documented {@code /?token=} cookie flow, EventSource included; the
 * page's Content-Security-Policy must not have blocked anything (no console errors).
 */
class DashboardBrowserTest {
  private static final String TOKEN = "browser-test-token";
  private static final double[] INVOICE_MS = {1200, 1350, 980, 4100, 1500, 1720, 990, 1130, 2600};

  @TempDir Path dir;

  @Test
  void pageShowsTheStoresFiguresAndARunningExecutionAppearsLive() throws Exception {
    Chromium.assumeAvailable();
    Instant now = Instant.now();
    Path db = dir.resolve("browser.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      long t = now.minus(Duration.ofHours(3)).toEpochMilli();
      for (int i = 0; i < INVOICE_MS.length; i++) {
        String id = "inv-" + i;
        String status = i == 3 || i == 7 ? "failed" : "success";
        f.execution(id, "invoice-processing", "bot-1", t, INVOICE_MS[i], status, 3, null);
        f.step(id, "invoice-processing", "open-portal", "ui", 1, t, 100, "success", null);
        f.step(
            id,
            "invoice-processing",
            "ocr-extract",
            "ocr",
            2,
            t + 100,
            INVOICE_MS[i] - 300,
            status,
            status.equals("failed") ? "OcrTimeout" : null);
        f.step(
            id,
            "invoice-processing",
            "submit",
            "api",
            3,
            t + (long) INVOICE_MS[i] - 200,
            200,
            "success",
            null);
        t += 60_000;
      }
      for (int i = 0; i < 4; i++) {
        f.execution(
            "mail-" + i,
            "email-triage",
            now.minusSeconds(3000 - i * 60).toEpochMilli(),
            400.0 + 10 * i,
            "success");
      }
    }
    double median = Expected.r7(INVOICE_MS, 0.5);
    double p95 = Expected.r7(INVOICE_MS, 0.95);

    StringWriter serverErr = new StringWriter();
    ServerConfig config =
        ServerConfig.builder(db)
            .port(0)
            .token(TOKEN)
            .clock(Clock.systemUTC())
            .livePoll(Duration.ofMillis(200))
            .err(new PrintWriter(serverErr, true))
            .build();
    Chromium chromium = Chromium.start();
    try (DashboardServer server = DashboardServer.start(config);
        chromium) {
      WebDriver browser = chromium.driver();
      browser.get(server.uri() + "?token=" + TOKEN);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

      // The cookie flow sent the browser on to "/" without the token in the address.
      assertThat(browser.getCurrentUrl()).doesNotContain(TOKEN);
      WebElement row =
          wait.until(d -> d.findElement(By.cssSelector("tr[data-workflow='invoice-processing']")));
      wait.until(d -> !cell(row, "count").isEmpty());
      assertThat(cell(row, "count")).isEqualTo(String.valueOf(INVOICE_MS.length));
      assertThat(cell(row, "successRate"))
          .isEqualTo(String.format(Locale.ROOT, "%.1f %%", 100.0 * 7 / 9));
      assertThat(cell(row, "medianMs")).isEqualTo(HumanDuration.format(median)).isEqualTo("1.35 s");
      assertThat(cell(row, "p95Ms")).isEqualTo(HumanDuration.format(p95));
      assertThat(
              browser
                  .findElement(
                      By.cssSelector("tr[data-workflow='email-triage'] [data-field='count']"))
                  .getText())
          .isEqualTo("4");

      // The first workflow is selected: its cards, charts and tables are filled in.
      wait.until(d -> d.findElement(By.id("detail")).getAttribute("data-workflow") != null);
      browser.findElement(By.cssSelector("tr[data-workflow='invoice-processing'] button")).click();
      wait.until(
          d ->
              "invoice-processing"
                  .equals(d.findElement(By.id("detail")).getAttribute("data-workflow")));
      WebElement medianCard =
          wait.until(d -> d.findElement(By.cssSelector("#detail-cards [data-field='medianMs']")));
      assertThat(medianCard.getText()).isEqualTo(HumanDuration.format(median) + "\nMedian");
      assertThat(
              browser
                  .findElement(By.cssSelector("#detail-cards [data-field='count'] .value"))
                  .getText())
          .isEqualTo("9");
      wait.until(d -> !d.findElements(By.cssSelector("#trend-chart svg circle")).isEmpty());
      wait.until(d -> d.findElements(By.cssSelector("#bottleneck-chart g.bar-row")).size() == 3);
      assertThat(
              browser
                  .findElement(By.cssSelector("#bottleneck-chart g.bar-row"))
                  .getAttribute("data-key"))
          .isEqualTo("ocr-extract");
      wait.until(d -> d.findElements(By.cssSelector("#success-table tbody tr")).size() == 3);
      wait.until(
          d ->
              d.findElement(By.id("stream-status")).getAttribute("data-state").equals("connected"));
      assertThat(browser.findElements(By.cssSelector("#live-list li.live-item"))).isEmpty();

      // A bot starts an execution: two of its four steps are done.
      long started = Instant.now().minusSeconds(5).toEpochMilli();
      try (StoreFixture f = StoreFixture.create(db)) {
        f.execution("live-1", "invoice-processing", "bot-2", started, null, "running", 4, null);
        f.step(
            "live-1", "invoice-processing", "open-portal", "ui", 1, started, 100, "success", null);
        f.step(
            "live-1",
            "invoice-processing",
            "ocr-extract",
            "ocr",
            2,
            started + 100,
            900,
            "success",
            null);
      }
      // The live list is re-rendered on every stream event, so each reading finds its element
      // afresh and a reading that meets a replaced element simply tries again.
      wait.ignoring(StaleElementReferenceException.class)
          .until(
              d ->
                  "50"
                      .equals(
                          d.findElement(By.cssSelector("li[data-execution='live-1'] progress"))
                              .getAttribute("value")));
      String steps =
          wait.until(
              d -> d.findElement(By.cssSelector("li[data-execution='live-1'] .steps")).getText());
      assertThat(steps).isEqualTo("step 2 of 4 · 50.0 %");
      String eta =
          wait.until(
              d -> d.findElement(By.cssSelector("li[data-execution='live-1'] .eta")).getText());
      assertThat(eta).startsWith("ETA in ");
      assertThat(browser.findElement(By.id("live-count")).getText()).isEqualTo("1");

      // Captured data carries no synthetic badge; a store marked synthetic (as generate marks
      // it) shows one as soon as the page loads.
      assertThat(browser.findElement(By.id("synthetic-badge")).isDisplayed()).isFalse();
      try (StoreFixture f = StoreFixture.create(db)) {
        f.sql(
                "CREATE TABLE IF NOT EXISTS analytics_meta(key TEXT PRIMARY KEY,"
                    + " value TEXT NOT NULL)")
            .sql("INSERT INTO analytics_meta VALUES ('synthetic', 'true')");
      }
      browser.navigate().refresh();
      wait.until(d -> d.findElement(By.id("synthetic-badge")).isDisplayed());
      assertThat(browser.findElement(By.id("synthetic-badge")).getText())
          .isEqualTo("synthetic data");

      String screenshot = System.getProperty("rpa.dashboardScreenshot");
      if (screenshot != null) {
        // For people, not for the assertions: -Drpa.dashboardScreenshot=FILE.png keeps a picture.
        java.nio.file.Files.write(
            Path.of(screenshot),
            ((org.openqa.selenium.TakesScreenshot) browser)
                .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
      }
      assertThat(chromium.severeConsoleMessages()).isEmpty();
      assertThat(serverErr.toString()).isEmpty();
    }
    Instant deadline = Instant.now().plusSeconds(10);
    while (chromium.browserProcesses() > 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(50); // polling a condition with a deadline: the processes are exiting
    }
    assertThat(chromium.browserProcesses()).as("browser processes left running").isZero();
  }

  private static String cell(WebElement row, String field) {
    return row.findElement(By.cssSelector("[data-field='" + field + "']")).getText();
  }
}
