package io.rpainsights.itapp;

import com.sun.net.httpserver.HttpServer;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;

/**
 * Starts a JDK HTTP server of its own and prints the JVM-wide limits the JDK applies to it (run
 * with {@code --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED}). With {@code
 * -Ditapp.awaitOtherServer=true} it first waits until another JDK HTTP server runs in the JVM (the
 * agent's Prometheus endpoint), so that server configures the JDK first.
 */
public final class HttpServerApp {

  private HttpServerApp() {}

  public static void main(String[] args) throws Exception {
    if (Boolean.getBoolean("itapp.awaitOtherServer")) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!dispatcherRunning() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      System.err.println("other server seen: " + dispatcherRunning());
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.start();
    Class<?> config = Class.forName("sun.net.httpserver.ServerConfig");
    System.out.println("maxReqTime=" + call(config, "getMaxReqTime"));
    System.out.println("maxRspTime=" + call(config, "getMaxRspTime"));
    System.out.println(
        "properties="
            + System.getProperty("sun.net.httpserver.maxReqTime")
            + ","
            + System.getProperty("sun.net.httpserver.maxRspTime"));
    server.stop(0);
  }

  private static boolean dispatcherRunning() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("HTTP-Dispatcher"));
  }

  private static Object call(Class<?> type, String method) throws Exception {
    Method getter = type.getDeclaredMethod(method);
    getter.setAccessible(true);
    return getter.invoke(null);
  }
}
