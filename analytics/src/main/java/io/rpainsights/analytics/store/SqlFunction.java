package io.rpainsights.analytics.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection of the store. */
@FunctionalInterface
public interface SqlFunction<T> {
  T apply(Connection connection) throws SQLException;
}
