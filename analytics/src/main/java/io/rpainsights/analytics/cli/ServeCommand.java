package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.server.DashboardServer;
import io.rpainsights.analytics.server.ServerConfig;
import io.rpainsights.analytics.store.InvalidInputException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the JSON API (the other commands' JSON), a live event stream and the dashboard"
          + " over HTTP until interrupted (Ctrl-C).",
      "Routes: / (dashboard), /api/workflows, /api/workflows/{id}/stats|bottlenecks|degradation"
          + "|trend|success|insights, /api/anomalies, /api/live, /api/live/stream (server-sent"
          + " events). Query parameters are the commands' options without the dashes.",
      "Listens on loopback unless --host says otherwise. With a token (--token or"
          + " RPA_INSIGHTS_TOKEN) every request needs 'Authorization: Bearer <token>'; in a"
          + " browser, open /?token=<token> once (it sets an HttpOnly cookie)."
    })
final class ServeCommand implements Callable<Integer> {
  /** Seconds a client may take to send its request line and headers (slow-client defence). */
  private static final String MAX_REQUEST_SECONDS = "10";

  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin DbOption db;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  // Never shown as a default: --help must not print the secret.
  @Option(
      names = "--token",
      defaultValue = "${env:RPA_INSIGHTS_TOKEN}",
      showDefaultValue = Visibility.NEVER,
      paramLabel = "TOKEN",
      description =
          "Require 'Authorization: Bearer TOKEN' on every request (default: the environment"
              + " variable RPA_INSIGHTS_TOKEN; none when unset).")
  String token;

  ServeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) {
      throw new InvalidInputException("--port must lie in 0..65535, not " + port);
    }
    if (token != null && token.isBlank()) {
      throw new InvalidInputException("the token must not be blank");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // The JDK server reads this once, when its first instance starts; this process has none yet.
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
    }
    ServerConfig config =
        ServerConfig.builder(db.db)
            .host(host)
            .port(port)
            .token(token)
            .debug(debug())
            .clock(context.clock())
            .err(err)
            .build();
    DashboardServer server = DashboardServer.start(config);
    Thread hook = new Thread(server::close, "rpa-insights-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try {
      if (token == null && !isLoopback(host)) {
        err.println(
            "rpa-insights serve: warning: listening on "
                + host
                + " without a token: anyone who can reach this port can read the store"
                + " (set --token or RPA_INSIGHTS_TOKEN)");
        err.flush();
      }
      out.println(
          "rpa-insights serve: dashboard and API at "
              + server.uri()
              + (server.listensOnAllInterfaces() ? " (listening on all interfaces; " : " (")
              + "store "
              + db.db
              + "; Ctrl-C to stop)");
      if (token != null) {
        out.println(
            "rpa-insights serve: a token is required: in a browser open "
                + server.uri()
                + "?token=<token> once; API clients send 'Authorization: Bearer <token>'");
      }
      out.flush();
      server.awaitClosed();
    } catch (InterruptedException e) {
      // Interrupted (an embedding application stopping us): stop like on Ctrl-C, and let the
      // close below wait for the streams to end before the interrupt is passed on.
      interrupted = true;
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running or has run.
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return 0;
  }

  private boolean debug() {
    OptionSpec option = spec.findOption("--debug");
    return option != null && Boolean.TRUE.equals(option.getValue());
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
