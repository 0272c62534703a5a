package io.rpainsights.conflictapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Uses its own (older) Jackson, sqlite-jdbc, Byte Buddy and JNA, and prints what it sees: which
 * versions it got and what they computed. Run with and without the agent, the output must be
 * identical. Its {@link Pipeline} is what the agent instruments meanwhile.
 */
public final class ConflictingDepsApp {

  private ConflictingDepsApp() {}

  /** The C library through this app's own JNA. */
  public interface CLibrary extends Library {
    int getpid();
  }

  public static void main(String[] args) throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    report.put("jacksonRoundTrip", jacksonRoundTrip());
    report.put("sqlite", sqlite());
    report.put("byteBuddy", byteBuddy());
    report.put("jna", Native.VERSION);
    report.put("jnaGetpidPositive", Native.load("c", CLibrary.class).getpid() > 0);
    report.put(
        "sqliteDriver",
        DriverManager.getDriver("jdbc:sqlite::memory:").getClass().getName()
            + " "
            + DriverManager.getDriver("jdbc:sqlite::memory:").getMajorVersion()
            + "."
            + DriverManager.getDriver("jdbc:sqlite::memory:").getMinorVersion());
    Pipeline pipeline = new Pipeline();
    int processed = 0;
    for (int i = 0; i < 20; i++) {
      processed +=
          pipeline.process(
              new Pipeline.Order("order-" + (i % 4), List.of("validate", "price", "ship")));
    }
    report.put("processedSteps", processed);
    System.out.println(
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
  }

  private static String jacksonRoundTrip() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Map<?, ?> back =
        mapper.readValue(mapper.writeValueAsString(Map.of("a", 1, "b", List.of(1, 2))), Map.class);
    return String.valueOf(new java.util.TreeMap<>(back));
  }

  private static String sqlite() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement statement = connection.createStatement()) {
      statement.execute("create table t(x integer)");
      statement.execute("insert into t values (1), (2), (39)");
      try (ResultSet rows = statement.executeQuery("select sqlite_version(), sum(x) from t")) {
        rows.next();
        return rows.getString(1) + " sum=" + rows.getLong(2);
      }
    }
  }

  private static String byteBuddy() throws Exception {
    Class<?> dynamic =
        new ByteBuddy()
            .subclass(Object.class)
            .method(ElementMatchers.named("toString"))
            .intercept(FixedValue.value("made by the app's Byte Buddy"))
            .make()
            .load(ConflictingDepsApp.class.getClassLoader())
            .getLoaded();
    String jar = ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    return jar.substring(jar.lastIndexOf('/') + 1)
        + ": "
        + dynamic.getDeclaredConstructor().newInstance();
  }
}
