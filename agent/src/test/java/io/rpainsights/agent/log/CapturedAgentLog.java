package io.rpainsights.agent.log;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures what {@link AgentLog} prints during each test, so tests can assert on the agent's log
 * without each one repeating the redirect-and-restore set-up. Register it on an instance field:
 *
 * <pre>{@code @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();}</pre>
 *
 * <p>Before each test (and before the class's own {@code @BeforeEach} methods) it forgets reported
 * incidents and redirects the log into an in-memory buffer; after each test (and after the class's
 * {@code @AfterEach} methods, so what they log is still captured) it restores stderr and forgets
 * incidents again. Safe to read while other threads log: the buffer is synchronised.
 */
public final class CapturedAgentLog implements BeforeEachCallback, AfterEachCallback {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  @Override
  public void beforeEach(ExtensionContext context) {
    buffer.reset();
    AgentLog.resetIncidents();
    AgentLog.redirect(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    AgentLog.redirect(null);
    AgentLog.resetIncidents();
  }

  /** Everything logged so far in this test (since the last {@link #clear()}), as UTF-8 text. */
  public String text() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /** The lines of {@link #text()}. */
  public Stream<String> lines() {
    return text().lines();
  }

  /** Empties the buffer and forgets reported incidents, for a test that loops over cases. */
  public void clear() {
    buffer.reset();
    AgentLog.resetIncidents();
  }
}
