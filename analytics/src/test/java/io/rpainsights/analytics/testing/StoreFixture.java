package io.rpainsights.analytics.testing;

import io.rpainsights.schema.StoreSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Builds small stores row by row, the way another producer (a Python bot) would: only the
 * documented tables and columns. Times are given relative to {@link #NOW}.
 */
public final class StoreFixture implements AutoCloseable {
  /** The "now" of every fixture-based test. */
  public static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final Path path;
  private final Connection c;

  private StoreFixture(Path path) throws SQLException {
    this.path = path;
    this.c = DriverManager.getConnection("jdbc:sqlite:" + path);
    StoreSchema.createOrMigrate(c);
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode = WAL");
    }
  }

  public static StoreFixture create(Path path) {
    try {
      return new StoreFixture(path);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path path() {
    return path;
  }

  public Connection connection() {
    return c;
  }

  /** An instant {@code ago} before NOW. */
  public static long ago(Duration ago) {
    return NOW.minus(ago).toEpochMilli();
  }

  public StoreFixture execution(
      String id, String workflow, long startedAt, Double durationMs, String status) {
    return execution(id, workflow, "host-a", startedAt, durationMs, status, null, null);
  }

  public StoreFixture execution(
      String id,
      String workflow,
      String host,
      long startedAt,
      Double durationMs,
      String status,
      Integer stepsTotal,
      String errorType) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO executions(execution_id, workflow_id, host, started_at, completed_at,"
                + " duration_ms, status, steps_total, error_type) VALUES (?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, id);
      ps.setString(2, workflow);
      ps.setString(3, host);
      ps.setLong(4, startedAt);
      if (durationMs == null) {
        ps.setNull(5, Types.INTEGER);
        ps.setNull(6, Types.REAL);
      } else {
        ps.setLong(5, startedAt + Math.round(durationMs));
        ps.setDouble(6, durationMs);
      }
      ps.setString(7, status);
      if (stepsTotal == null) {
        ps.setNull(8, Types.INTEGER);
      } else {
        ps.setInt(8, stepsTotal);
      }
      ps.setString(9, errorType);
      ps.executeUpdate();
      return this;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public StoreFixture step(
      String executionId,
      String workflow,
      String node,
      String action,
      int stepNumber,
      long startedAt,
      double durationMs,
      String status,
      String errorType) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO steps(execution_id, workflow_id, node_id, action_type, step_number,"
                + " started_at, duration_ms, status, error_type) VALUES (?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, executionId);
      ps.setString(2, workflow);
      ps.setString(3, node);
      ps.setString(4, action);
      ps.setInt(5, stepNumber);
      ps.setLong(6, startedAt);
      ps.setDouble(7, durationMs);
      ps.setString(8, status);
      ps.setString(9, errorType);
      ps.executeUpdate();
      return this;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public StoreFixture recovery(
      String executionId,
      String workflow,
      String node,
      String strategy,
      boolean success,
      long startedAt,
      double durationMs) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO recoveries(execution_id, workflow_id, node_id, strategy, success,"
                + " started_at, duration_ms) VALUES (?,?,?,?,?,?,?)")) {
      ps.setString(1, executionId);
      ps.setString(2, workflow);
      ps.setString(3, node);
      ps.setString(4, strategy);
      ps.setInt(5, success ? 1 : 0);
      ps.setLong(6, startedAt);
      ps.setDouble(7, durationMs);
      ps.executeUpdate();
      return this;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public StoreFixture resource(long ts, double systemCpuPct, double processCpuPct, long rssBytes) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO resources(ts, host, process_cpu_pct, system_cpu_pct, process_rss_bytes)"
                + " VALUES (?,?,?,?,?)")) {
      ps.setLong(1, ts);
      ps.setString(2, "host-a");
      ps.setDouble(3, processCpuPct);
      ps.setDouble(4, systemCpuPct);
      ps.setLong(5, rssBytes);
      ps.executeUpdate();
      return this;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs any SQL (e.g. to break a store on purpose). */
  public StoreFixture sql(String sql) {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
      return this;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      c.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
