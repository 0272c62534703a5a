package io.rpainsights.analytics.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads {@code /api/live/stream} on a thread of its own and parses it into events as a browser's
 * EventSource would: {@code event:} and {@code data:} lines up to a blank line; comment lines
 * ({@code : heartbeat}) are kept as events named {@code comment}.
 */
final class SseReader implements AutoCloseable {
  record Event(String name, String data) {}

  private static final Event END = new Event("", "");

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<Event> seen = new ArrayList<>();
  private final Thread reader;
  private volatile boolean ended;

  SseReader(URI uri, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    this.response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
    this.reader = new Thread(this::read, "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  int status() {
    return response.statusCode();
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private void read() {
    String name = "message";
    StringBuilder data = new StringBuilder();
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.startsWith(":")) {
          events.add(new Event("comment", line.substring(1).trim()));
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        } else if (line.startsWith("retry:")) {
          events.add(new Event("retry", line.substring(6).trim()));
        } else if (line.isEmpty() && (data.length() > 0)) {
          events.add(new Event(name, data.toString()));
          name = "message";
          data.setLength(0);
        }
      }
    } catch (RuntimeException e) {
      // the connection was closed under us: the stream ended
    } finally {
      ended = true;
      events.add(END);
    }
  }

  /** The first event (from now, or seen before) that matches, waiting up to {@code timeout}. */
  Event await(Predicate<Event> match, Duration timeout) throws InterruptedException {
    for (Event e : seen) {
      if (match.test(e)) {
        return e;
      }
    }
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Event e =
          events.poll(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
      if (e == null || e == END) {
        break;
      }
      seen.add(e);
      if (match.test(e)) {
        return e;
      }
    }
    throw new AssertionError("no matching event within " + timeout + "; saw " + seen);
  }

  /** Every event received so far. */
  List<Event> drain() {
    events.drainTo(seenSink());
    return List.copyOf(seen);
  }

  private List<Event> seenSink() {
    return new java.util.AbstractList<>() {
      @Override
      public Event get(int index) {
        return seen.get(index);
      }

      @Override
      public int size() {
        return seen.size();
      }

      @Override
      public boolean add(Event e) {
        return e != END && seen.add(e);
      }
    };
  }

  /** Waits for the server to end the stream. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
    return ended;
  }

  @Override
  public void close() {
    reader.interrupt();
  }
}
