package io.rpainsights.analytics.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Codes for the values of one text column (node ids of a workflow, its action types, workflow ids),
 * so that SQLite returns a small integer instead of the text on every row: {@code CASE col WHEN ?1
 * THEN 0 … ELSE -1 END}, plus the text itself only where the code is -1 ({@code iif(col IN (…),
 * NULL, col)}). Values seen for the first time are learnt for the next query, so after one pass
 * almost no text crosses JDBC. Only grows; thread-safe.
 */
final class Dictionary {
  /** Beyond this many values a CASE costs more than it saves: the text is transferred. */
  static final int MAX = 128;

  private volatile List<String> values = List.of();

  /** The current codes, in order: value i has code i. */
  List<String> snapshot() {
    return values;
  }

  synchronized void learn(String value) {
    if (value != null && values.size() < MAX && !values.contains(value)) {
      List<String> next = new ArrayList<>(values);
      next.add(value);
      values = List.copyOf(next);
    }
  }

  /** The SQL of the code column and the text column for {@code column} and a snapshot. */
  static String columns(String column, List<String> snapshot) {
    if (snapshot.isEmpty()) {
      return "-1, " + column;
    }
    StringBuilder sb = new StringBuilder("CASE ").append(column);
    for (int i = 0; i < snapshot.size(); i++) {
      sb.append(" WHEN ? THEN ").append(i);
    }
    sb.append(" ELSE -1 END, iif(").append(column).append(" IN (");
    for (int i = 0; i < snapshot.size(); i++) {
      sb.append(i > 0 ? ", ?" : "?");
    }
    return sb.append("), NULL, ").append(column).append(')').toString();
  }

  /** Binds a snapshot's parameters (twice: the CASE and the IN list); returns the next index. */
  static int bind(PreparedStatement ps, int index, List<String> snapshot) throws SQLException {
    for (String v : snapshot) {
      ps.setString(index++, v);
    }
    for (String v : snapshot) {
      ps.setString(index++, v);
    }
    return index;
  }

  /** Decodes a code column and its text column; learns values it did not know. */
  String read(ResultSet rs, int codeColumn, List<String> snapshot) throws SQLException {
    int code = rs.getInt(codeColumn);
    if (code >= 0) {
      return snapshot.get(code);
    }
    String text = rs.getString(codeColumn + 1);
    learn(text);
    return text;
  }
}
