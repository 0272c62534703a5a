package io.rpainsights.bench.probe;

import io.rpainsights.schema.StoreSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opening stores the way the agent does (WAL, synchronous NORMAL, no generated keys). */
public final class Stores {

  private Stores() {}

  public static Connection open(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(5000);
    config.setGetGeneratedKeys(false);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    Connection connection = source.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode = WAL");
      statement.execute("PRAGMA synchronous = NORMAL");
    }
    return connection;
  }

  /** A fresh store with the documented schema and indexes, auto-commit off. */
  public static Connection fresh(Path file) throws Exception {
    delete(file);
    Connection connection = open(file);
    StoreSchema.createOrMigrate(connection);
    connection.setAutoCommit(false);
    return connection;
  }

  public static void delete(Path file) throws Exception {
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
    }
  }

  public static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getLong(1) : -1;
    }
  }
}
