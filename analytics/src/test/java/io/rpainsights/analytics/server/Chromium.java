package io.rpainsights.analytics.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium driven through ChromeDriver. Selenium Manager would try to download a
 * driver and a browser, which cannot work here (FIELD-NOTES.md), so both are named explicitly; each
 * session gets a fresh profile directory, deleted with it, and {@link #close} leaves no browser or
 * driver process behind.
 */
final class Chromium implements AutoCloseable {
  static final Path BROWSER = Path.of(System.getProperty("rpa.chromium", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("rpa.chromedriver", "/usr/bin/chromedriver"));

  /**
   * Selenium warns when the browser is newer than its bundled DevTools bindings; these tests use
   * WebDriver only, never DevTools. Held here because the JDK keeps loggers weakly.
   */
  private static final java.util.logging.Logger CDP_NOTICES =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_NOTICES.setLevel(Level.SEVERE);
  }

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Skips the calling test when Chromium or ChromeDriver is missing, or fails it when the build
   * runs with {@code -Drpa.requireExternalTools=true} (CI must never skip silently).
   */
  static void assumeAvailable() {
    boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    String reason =
        "needs "
            + BROWSER
            + " and "
            + DRIVER
            + " (Debian: apt-get install chromium chromium-driver)";
    if (!present && Boolean.getBoolean("rpa.requireExternalTools")) {
      Assertions.fail("rpa.requireExternalTools=true but the browser test " + reason);
    }
    Assumptions.assumeTrue(present, "browser test skipped: it " + reason);
  }

  static Chromium start() throws IOException {
    Path profile = Files.createTempDirectory("rpa-insights-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1400,1800",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(30))
            .build();
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      delete(profile);
      throw e;
    }
    return new Chromium(service, driver, profile);
  }

  ChromeDriver driver() {
    return driver;
  }

  /** The browser's console messages at level SEVERE (script errors, CSP violations). */
  List<String> severeConsoleMessages() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(e -> e.getLevel() + " " + e.getMessage())
        .toList();
  }

  /** Processes still running with this session's profile on their command line. */
  long browserProcesses() {
    String marker = profile.toString();
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .count();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      delete(profile);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
