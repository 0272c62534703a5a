package io.rpainsights.agent.export;

/**
 * The exporter SPI: a team's own destination for the agent's figures (a message bus, a time-series
 * database, a file format), plugged in without changing the agent. Implementations are found with
 * {@link java.util.ServiceLoader} in the jars named by {@code exporters.plugins}: list the class in
 * {@code META-INF/services/io.rpainsights.agent.export.MetricsExporter} and give it a public no-arg
 * constructor.
 *
 * <p>Each exporter gets its own daemon thread; all three methods are called on it, never
 * concurrently: {@link #start} once, then {@link #export} every {@code exporters.intervalMs} (fixed
 * delay), then one last {@link #export} with the final figures at shutdown and {@link #close}. An
 * exception from any method is logged as one {@code [rpa-insights]} line and never reaches the
 * application; an exporter whose {@code start} fails is not called again. Compile against this
 * package only: the agent's bundled libraries are visible to a plugin but are not part of the
 * contract and change without notice.
 */
public interface MetricsExporter {

  /**
   * Called once before the first export.
   *
   * @throws Exception to give up: the exporter is logged as failed and left out
   */
  default void start(ExporterContext context) throws Exception {}

  /** Receives the current figures; may block for a while, but a hang delays only this exporter. */
  void export(MetricsSnapshot snapshot) throws Exception;

  /** Called once at shutdown, after the last export. */
  default void close() throws Exception {}
}
