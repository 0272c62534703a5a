package io.rpainsights.analytics.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.rpainsights.analytics.report.Json;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.StoreGoneException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every request, in this order: the Host check (a DNS-rebinding page must not read a loopback
 * server), size limits, the token, the route, the method, then the route's parameters. Client
 * mistakes are answered {@code 4xx} with {@code {"error": "..."}}; anything else is a 500 with a
 * generic message, logged by {@link ErrorLog}.
 */
final class RequestHandler implements HttpHandler {
  /** Longer request targets are refused with 414 before anything is decoded. */
  static final int MAX_PATH_LENGTH = 1024;

  static final int MAX_QUERY_LENGTH = 2048;

  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Api api;
  private final Assets assets;
  private final LiveHub hub;
  private final TokenAuth auth;
  private final HostCheck hosts;
  private final ErrorLog log;
  private final Object idle = new Object();
  private int inFlight; // guarded by idle
  private volatile boolean stopping;

  RequestHandler(
      Api api, Assets assets, LiveHub hub, TokenAuth auth, HostCheck hosts, ErrorLog log) {
    this.api = api;
    this.assets = assets;
    this.hub = hub;
    this.auth = auth;
    this.hosts = hosts;
    this.log = log;
  }

  /** From now on every request is answered 503. */
  void stop() {
    stopping = true;
  }

  /** Waits until no request is being answered; false when that took longer than {@code millis}. */
  boolean awaitIdle(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (idle) {
      while (inFlight > 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        idle.wait(left);
      }
      return true;
    }
  }

  @Override
  public void handle(HttpExchange exchange) {
    synchronized (idle) {
      inFlight++;
    }
    boolean streaming = false;
    try {
      if (stopping) {
        throw new HttpError(503, "the server is shutting down");
      }
      streaming = dispatch(exchange);
    } catch (HttpError e) {
      error(exchange, e.status(), e.getMessage());
    } catch (InvalidInputException e) {
      String m = String.valueOf(e.getMessage());
      boolean unknown = m.startsWith("unknown workflow") || m.startsWith("unknown node");
      error(exchange, unknown ? 404 : 400, oneLine(m));
    } catch (StoreGoneException e) {
      // Without the path, as for other failures a client sees; the server's log has it.
      log.backgroundFailed("reading the store", e);
      error(
          exchange,
          503,
          "the store was deleted or replaced after serve opened it: restart serve to read the file"
              + " now at its path");
    } catch (IOException e) {
      // The client went away while we answered.
    } catch (RuntimeException e) {
      log.requestFailed(describe(exchange), e);
      error(exchange, 500, "internal error (the server's log has the details)");
    } finally {
      if (!streaming) {
        exchange.close();
      }
      synchronized (idle) {
        if (--inFlight == 0) {
          idle.notifyAll();
        }
      }
    }
  }

  /** Answers the request; returns true when it became a live stream that outlives this call. */
  private boolean dispatch(HttpExchange exchange) throws IOException {
    hosts.check(exchange.getRequestHeaders().getFirst("Host"));
    URI uri = exchange.getRequestURI();
    String rawPath = uri.getRawPath();
    String rawQuery = uri.getRawQuery();
    if (rawPath == null || !rawPath.startsWith("/")) {
      throw HttpError.badRequest("the request target must be a path");
    }
    if (rawPath.length() > MAX_PATH_LENGTH) {
      throw new HttpError(414, "the path is longer than " + MAX_PATH_LENGTH + " characters");
    }
    if (rawQuery != null && rawQuery.length() > MAX_QUERY_LENGTH) {
      throw new HttpError(414, "the query is longer than " + MAX_QUERY_LENGTH + " characters");
    }
    boolean get = "GET".equals(exchange.getRequestMethod());
    if (get && rawPath.equals("/") && rawQuery != null && ("&" + rawQuery).contains("&token=")) {
      login(exchange, QueryParams.parse(rawQuery));
      return false;
    }
    // Nothing else of the request is looked at before the token: a stranger learns nothing.
    if (!auth.admits(exchange.getRequestHeaders())) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"rpa-insights\"");
      throw new HttpError(
          401,
          "this server needs a token: send 'Authorization: Bearer <token>', or open"
              + " /?token=<token> once in a browser");
    }
    List<String> path = segments(rawPath);
    QueryParams params = QueryParams.parse(rawQuery);
    Route route = Route.of(path);
    if (route == null) {
      throw HttpError.notFound("no such route: " + StrictDecoder.quote(rawPath));
    }
    if (!get) {
      exchange.getResponseHeaders().set("Allow", "GET");
      throw new HttpError(405, "method " + exchange.getRequestMethod() + " not allowed: use GET");
    }
    switch (route) {
      case PAGE -> {
        params.allowOnly();
        asset(exchange, Assets.INDEX);
      }
      case ASSET -> {
        params.allowOnly();
        asset(exchange, path.get(1));
      }
      case WORKFLOWS -> json(exchange, api.workflows(params));
      case WORKFLOW -> json(exchange, api.workflow(path.get(2), path.get(3), params));
      case ANOMALIES -> json(exchange, api.anomalies(params));
      case LIVE -> json(exchange, api.live(params));
      case STORE -> json(exchange, api.store(params));
      case STREAM -> {
        params.allowOnly();
        Headers h = exchange.getResponseHeaders();
        secure(h);
        h.set("Content-Type", "text/event-stream; charset=utf-8");
        h.set("Cache-Control", "no-store");
        h.set("X-Accel-Buffering", "no");
        if (!hub.stream(exchange)) {
          h.remove("X-Accel-Buffering");
          throw new HttpError(503, "too many live streams are open; try again later");
        }
        return true;
      }
    }
    return false;
  }

  /** {@code GET /?token=T}: sets the session cookie and sends the browser on to {@code /}. */
  private void login(HttpExchange exchange, QueryParams params) throws IOException {
    params.allowOnly("token");
    Headers h = exchange.getResponseHeaders();
    if (auth.required()) {
      if (!auth.matches(params.text("token"))) {
        h.set("WWW-Authenticate", "Bearer realm=\"rpa-insights\"");
        throw new HttpError(401, "wrong token");
      }
      h.set("Set-Cookie", auth.sessionCookie());
    }
    secure(h);
    h.set("Cache-Control", "no-store");
    h.set("Location", "/");
    exchange.sendResponseHeaders(303, -1);
  }

  private void asset(HttpExchange exchange, String name) throws IOException {
    Assets.Asset asset = assets.get(name);
    if (asset == null) {
      throw HttpError.notFound("no such file: " + StrictDecoder.quote(name));
    }
    Headers h = exchange.getResponseHeaders();
    secure(h);
    h.set("Content-Type", asset.contentType());
    h.set("Cache-Control", "no-cache");
    h.set("ETag", asset.etag());
    if (asset.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    send(exchange, 200, asset.bytes());
  }

  private void json(HttpExchange exchange, Object value) throws IOException {
    // The CLI prints Json.write(value) with println: the same bytes.
    byte[] body = (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8);
    Headers h = exchange.getResponseHeaders();
    secure(h);
    h.set("Content-Type", "application/json; charset=utf-8");
    h.set("Cache-Control", "no-store");
    send(exchange, 200, body);
  }

  private void error(HttpExchange exchange, int status, String message) {
    if (exchange.getResponseCode() != -1) {
      return; // headers already sent: the connection is closed as it is
    }
    try {
      byte[] body = (Json.write(Map.of("error", message)) + "\n").getBytes(StandardCharsets.UTF_8);
      Headers h = exchange.getResponseHeaders();
      secure(h);
      h.set("Content-Type", "application/json; charset=utf-8");
      h.set("Cache-Control", "no-store");
      send(exchange, status, body);
    } catch (IOException e) {
      // The client went away.
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    // A HEAD answer has headers only (HEAD itself is answered 405: only GET is served).
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, body.length == 0 || head ? -1 : body.length);
    if (body.length > 0 && !head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Headers every answer carries. */
  static void secure(Headers h) {
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
  }

  /**
   * The decoded path segments; {@code /} is none. Dot segments are refused outright rather than
   * resolved: nothing here is a directory.
   */
  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    if (rawPath.equals("/")) {
      return segments;
    }
    for (String raw : rawPath.substring(1).split("/", -1)) {
      String s = StrictDecoder.decode(raw, false, "path");
      if (s.equals(".") || s.equals("..")) {
        throw HttpError.badRequest("'.' and '..' are not allowed in paths");
      }
      segments.add(s);
    }
    return segments;
  }

  private static String describe(HttpExchange exchange) {
    return exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  /** What a path names. */
  private enum Route {
    PAGE,
    ASSET,
    WORKFLOWS,
    WORKFLOW,
    ANOMALIES,
    LIVE,
    STORE,
    STREAM;

    /** The route of the decoded path segments, or null. */
    static Route of(List<String> p) {
      int n = p.size();
      if (n == 0) {
        return PAGE;
      }
      if (n == 2 && p.get(0).equals("assets")) {
        return ASSET;
      }
      if (n < 2 || !p.get(0).equals("api")) {
        return null;
      }
      return switch (p.get(1)) {
        case "workflows" ->
            n == 2
                ? WORKFLOWS
                : n == 4 && !p.get(2).isEmpty() && Api.WORKFLOW_ROUTES.contains(p.get(3))
                    ? WORKFLOW
                    : null;
        case "anomalies" -> n == 2 ? ANOMALIES : null;
        case "store" -> n == 2 ? STORE : null;
        case "live" -> n == 2 ? LIVE : n == 3 && p.get(2).equals("stream") ? STREAM : null;
        default -> null;
      };
    }
  }
}
