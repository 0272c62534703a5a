package io.rpainsights.bench.analytics;

import io.rpainsights.analytics.engine.Analytics;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One measured question: the engine call that answers it, and the floor — plain JDBC reading just
 * the rows that answer needs, every needed column of every row, nothing computed.
 *
 * @param name what is asked, as the table shows it
 * @param targetMs the target, or 0 for a figure shown for information
 * @param answer the engine call; returns something derived from the answer so it is not optimised
 *     away
 * @param floor reads the answer's rows; returns how many it read
 */
record Scenario(String name, double targetMs, Answer answer, Floor floor) {

  @FunctionalInterface
  interface Answer {
    Object run(Analytics analytics);
  }

  @FunctionalInterface
  interface Floor {
    long read(Connection plain) throws SQLException;
  }
}
