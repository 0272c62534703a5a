package io.rpainsights.analytics.server;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link DashboardServer} runs: the store, where it listens, the optional token, and the pacing
 * of the live stream (tests shorten it).
 *
 * @param db the RPA Insights store
 * @param host the address to bind (default {@code 127.0.0.1}: loopback only)
 * @param port the port; 0 picks a free one
 * @param token null, or the bearer token every request must carry
 * @param debug whether internal failures are logged with their message and stack trace
 * @param clock what "now" is for the engine
 * @param livePoll how often the live stream looks for new data
 * @param heartbeat how long a live stream may stay silent before a heartbeat comment; a client that
 *     left holds its stream slot for up to twice this
 * @param maxStreams how many live streams may be open at once
 * @param threads the request threads
 * @param err where failures are reported
 */
public record ServerConfig(
    Path db,
    String host,
    int port,
    String token,
    boolean debug,
    Clock clock,
    Duration livePoll,
    Duration heartbeat,
    int maxStreams,
    int threads,
    PrintWriter err) {

  public ServerConfig {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(err, "err");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must lie in 0..65535");
    }
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("the token must not be blank");
    }
    if (livePoll.isNegative()
        || livePoll.isZero()
        || heartbeat.isNegative()
        || heartbeat.isZero()) {
      throw new IllegalArgumentException("live intervals must be positive");
    }
    if (maxStreams < 1 || threads < 1) {
      throw new IllegalArgumentException("maxStreams and threads must be at least 1");
    }
  }

  /** A builder with the defaults of {@code rpa-insights serve}. */
  public static Builder builder(Path db) {
    return new Builder(db);
  }

  /** Collects the settings; every one has the default of the {@code serve} command. */
  public static final class Builder {
    private final Path db;
    private String host = "127.0.0.1";
    private int port = 8080;
    private String token;
    private boolean debug;
    private Clock clock = Clock.systemUTC();
    private Duration livePoll = Duration.ofSeconds(1);
    // Also how a client that left is found: only a failed write shows it, and the first write
    // after it left still succeeds, so its stream slot is freed by the second heartbeat, at most
    // 2 × heartbeat later (measured: 16 streams held 25-30 s at 15 s; a few seconds at 2 s).
    private Duration heartbeat = Duration.ofSeconds(2);
    private int maxStreams = 16;
    private int threads = 4;
    private PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);

    private Builder(Path db) {
      this.db = db;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder token(String token) {
      this.token = token;
      return this;
    }

    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder livePoll(Duration livePoll) {
      this.livePoll = livePoll;
      return this;
    }

    public Builder heartbeat(Duration heartbeat) {
      this.heartbeat = heartbeat;
      return this;
    }

    public Builder maxStreams(int maxStreams) {
      this.maxStreams = maxStreams;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder err(PrintWriter err) {
      this.err = err;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(
          db, host, port, token, debug, clock, livePoll, heartbeat, maxStreams, threads, err);
    }
  }
}
