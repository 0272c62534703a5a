package io.rpainsights.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rpa-insights serve}: prints where it listens, answers until interrupted (or until the
 * process gets SIGTERM) and then releases its port; bad options are one-line errors with exit code
 * 2; the token may come from the environment.
 */
class ServeCommandTest {
  private static final Pattern URL = Pattern.compile("at (http://\\S+/) ");
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir Path dir;

  private Path store() {
    Path db = dir.resolve("serve.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("e1", "w", StoreFixture.ago(Duration.ofHours(1)), 1000.0, "success");
    }
    return db;
  }

  @Test
  void servesUntilInterruptedThenReleasesThePort() throws Exception {
    Path db = store();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serve =
        new Thread(
            () ->
                exit.set(
                    RpaInsightsCli.run(
                        new String[] {"serve", "--db", db.toString(), "--port", "0"},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        StoreFixture.CLOCK)),
            "serve-command");
    serve.start();
    URI uri = awaitUrl(out);
    assertThat(uri.getHost()).isEqualTo("127.0.0.1");
    HttpResponse<String> live = get(uri.resolve("/api/live"), null);
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(get(uri.resolve("/api/workflows"), null).body()).contains("\"workflowId\" : \"w\"");

    serve.interrupt();
    serve.join(DEADLINE.toMillis());
    assertThat(serve.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
    assertThat(err.toString()).isEmpty();
    assertRefused(uri.getPort());
  }

  @Test
  void badOptionsAreOneLineErrors() throws IOException {
    Path db = store();
    CliRun port = CliRun.run("serve", "--db", db.toString(), "--port", "70000");
    assertThat(port.exitCode()).isEqualTo(2);
    assertThat(port.err().strip()).contains("--port must lie in 0..65535").doesNotContain("\n");

    CliRun missing = CliRun.run("serve", "--db", dir.resolve("none.db").toString(), "--port", "0");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip()).contains("no such file").doesNotContain("\n");

    CliRun blank = CliRun.run("serve", "--db", db.toString(), "--port", "0", "--token", " ");
    assertThat(blank.exitCode()).isEqualTo(2);
    assertThat(blank.err().strip()).contains("token must not be blank");

    CliRun host = CliRun.run("serve", "--db", db.toString(), "--host", "no-such-host.invalid");
    assertThat(host.exitCode()).isEqualTo(2);
    assertThat(host.err().strip()).contains("cannot resolve host").doesNotContain("\n");

    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun busy =
          CliRun.run(
              "serve", "--db", db.toString(), "--port", String.valueOf(taken.getLocalPort()));
      assertThat(busy.exitCode()).isEqualTo(2);
      assertThat(busy.err().strip()).contains("cannot listen on 127.0.0.1:").doesNotContain("\n");
    }
  }

  @Test
  void helpDocumentsRoutesAndTokenWithoutPrintingIt() {
    CliRun help = CliRun.run("serve", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("--host")
        .contains("--port")
        .contains("--token")
        .contains("RPA_INSIGHTS_TOKEN")
        .contains("/api/live/stream");
  }

  @Test
  void aForkedServerTakesItsTokenFromTheEnvironmentAndStopsCleanlyOnSigterm() throws Exception {
    Path db = store();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            javaBin,
            "-cp",
            System.getProperty("java.class.path"),
            RpaInsightsCli.class.getName(),
            "serve",
            "--db",
            db.toString(),
            "--port",
            "0");
    pb.environment().put("RPA_INSIGHTS_TOKEN", "from-the-environment");
    pb.redirectError(dir.resolve("stderr.txt").toFile());
    Process process = pb.start();
    try {
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String first = lines.readLine();
      assertThat(first).as("first line of serve").isNotNull();
      Matcher m = URL.matcher(first);
      assertThat(m.find()).as(first).isTrue();
      URI uri = URI.create(m.group(1));
      assertThat(lines.readLine()).contains("a token is required").doesNotContain("from-the-env");

      assertThat(get(uri.resolve("/api/live"), null).statusCode()).isEqualTo(401);
      assertThat(get(uri.resolve("/api/live"), "from-the-environment").statusCode()).isEqualTo(200);

      process.destroy(); // SIGTERM: the shutdown hook closes the server
      assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      // slf4j-api is on the test class path (not in the jar) and announces it has no binding.
      assertThat(Files.readAllLines(dir.resolve("stderr.txt")))
          .filteredOn(line -> !line.startsWith("SLF4J("))
          .isEmpty();
      assertRefused(uri.getPort());
    } finally {
      process.destroyForcibly();
    }
  }

  private static URI awaitUrl(StringWriter out) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = URL.matcher(out.toString());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(10); // polling a condition with a deadline: the server is starting
    }
    throw new AssertionError("serve printed no URL: " + out);
  }

  private static HttpResponse<String> get(URI uri, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      throw new AssertionError("port " + port + " still accepts connections");
    } catch (ConnectException expected) {
      // released
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
