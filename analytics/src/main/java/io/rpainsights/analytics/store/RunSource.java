package io.rpainsights.analytics.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reads the rows of the rolled-up tables on a connection the caller holds (so that a rollup refresh
 * sees one snapshot): a workflow's rows in a time range through the {@code (workflow_id,
 * started_at)} indexes, the rows newer than a rowid, or one execution by rowid. Names are
 * dictionary-coded in SQL ({@link Dictionary}) so that after one pass almost no text crosses JDBC.
 */
final class RunSource {
  private static final List<String> STATUSES =
      List.of("success", "failed", "timeout", "running", "recovered");

  private static final String STATUS =
      "CASE status WHEN 'success' THEN 0 WHEN 'failed' THEN 1 WHEN 'timeout' THEN 2"
          + " WHEN 'running' THEN 3 WHEN 'recovered' THEN 4 ELSE -1 END,"
          + " iif(status IN ('success', 'failed', 'timeout', 'running', 'recovered'), NULL,"
          + " status)";

  private static final String DURATION =
      "COALESCE(duration_ms, CAST(completed_at - started_at AS REAL))";

  /** Dictionaries per kind and workflow (range reads) and per kind (rowid scans, any workflow). */
  private final ConcurrentHashMap<String, Dictionary> dictionaries = new ConcurrentHashMap<>();

  private Dictionary dictionary(RollupKind kind, String scope, String column) {
    return dictionaries.computeIfAbsent(
        kind.table + '\u0000' + scope + '\u0000' + column, k -> new Dictionary());
  }

  /**
   * Streams the rows of {@code workflowId} that started in {@code [from, to)}, optionally of one
   * node and one status (null: any).
   */
  void range(
      Connection c,
      RollupKind kind,
      String workflowId,
      long from,
      long to,
      String nodeId,
      String status,
      Consumer<SourceRow> sink)
      throws SQLException {
    StringBuilder where =
        new StringBuilder("workflow_id = ? AND started_at >= ? AND started_at < ?");
    List<Object> args = new ArrayList<>(List.of(workflowId, from, to));
    if (nodeId != null && kind.nodePart() >= 0) {
      where.append(" AND node_id = ?");
      args.add(nodeId);
    }
    if (status != null && kind.statusPart() >= 0) {
      where.append(" AND status = ?");
      args.add(status);
    }
    read(c, kind, workflowId, where.toString(), args, sink);
  }

  /** Streams every row whose rowid is above {@code rowid}, of any workflow. */
  void newerThan(Connection c, RollupKind kind, long rowid, Consumer<SourceRow> sink)
      throws SQLException {
    read(c, kind, null, kind.rowid + " > ?", List.of(rowid), sink);
  }

  /** The execution with this rowid, or null when there is none. */
  SourceRow execution(Connection c, long rowid) throws SQLException {
    SourceRow[] found = {null};
    read(c, RollupKind.EXECUTIONS, null, "rowid = ?", List.of(rowid), r -> found[0] = r);
    return found[0];
  }

  private void read(
      Connection c,
      RollupKind kind,
      String workflowOrNull,
      String where,
      List<Object> args,
      Consumer<SourceRow> sink)
      throws SQLException {
    String scope = workflowOrNull == null ? "\u0001any" : workflowOrNull;
    Dictionary workflows = workflowOrNull == null ? dictionary(kind, "", "workflow_id") : null;
    List<String> wfCodes = workflows == null ? List.of() : workflows.snapshot();
    Dictionary nodes = dictionary(kind, scope, "node_id");
    Dictionary names =
        dictionary(kind, scope, kind == RollupKind.STEPS ? "action_type" : "strategy");
    List<String> nodeCodes = nodes.snapshot();
    List<String> nameCodes = names.snapshot();
    StringBuilder sql = new StringBuilder("SELECT ").append(kind.rowid).append(", started_at, ");
    switch (kind) {
      case EXECUTIONS -> sql.append(DURATION).append(", ").append(STATUS);
      case STEPS ->
          sql.append("duration_ms, ")
              .append(STATUS)
              .append(", step_number, iif(status = 'success', NULL, error_type), ")
              .append(Dictionary.columns("node_id", nodeCodes))
              .append(", ")
              .append(Dictionary.columns("action_type", nameCodes));
      case RECOVERIES ->
          sql.append("duration_ms, success <> 0, ")
              .append(Dictionary.columns("node_id", nodeCodes))
              .append(", ")
              .append(Dictionary.columns("strategy", nameCodes));
    }
    if (workflows != null) {
      sql.append(", ").append(Dictionary.columns("workflow_id", wfCodes));
    }
    sql.append(" FROM ").append(kind.table).append(" WHERE ").append(where);
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      if (kind != RollupKind.EXECUTIONS) {
        i = Dictionary.bind(ps, i, nodeCodes);
        i = Dictionary.bind(ps, i, nameCodes);
      }
      if (workflows != null) {
        i = Dictionary.bind(ps, i, wfCodes);
      }
      for (Object arg : args) {
        ps.setObject(i++, arg);
      }
      int wfColumn =
          switch (kind) {
            case EXECUTIONS -> 6;
            case STEPS -> 12;
            case RECOVERIES -> 9;
          };
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long rowid = rs.getLong(1);
          long start = rs.getLong(2);
          double duration = StoreReader.duration(rs, 3);
          String workflow =
              workflows == null ? workflowOrNull : workflows.read(rs, wfColumn, wfCodes);
          sink.accept(
              switch (kind) {
                case EXECUTIONS -> {
                  String status = status(rs, 4);
                  yield new SourceRow(
                      rowid,
                      workflow,
                      status,
                      null,
                      null,
                      start,
                      duration,
                      0,
                      null,
                      "running".equals(status));
                }
                case STEPS ->
                    new SourceRow(
                        rowid,
                        workflow,
                        nodes.read(rs, 8, nodeCodes),
                        names.read(rs, 10, nameCodes),
                        status(rs, 4),
                        start,
                        duration,
                        rs.getInt(6),
                        rs.getString(7),
                        false);
                case RECOVERIES ->
                    new SourceRow(
                        rowid,
                        workflow,
                        nodes.read(rs, 5, nodeCodes),
                        names.read(rs, 7, nameCodes),
                        rs.getInt(4) != 0 ? "1" : "0",
                        start,
                        duration,
                        0,
                        null,
                        false);
              });
        }
      }
    }
  }

  private static String status(ResultSet rs, int codeColumn) throws SQLException {
    int code = rs.getInt(codeColumn);
    return code >= 0 ? STATUSES.get(code) : rs.getString(codeColumn + 1);
  }
}
