package io.rpainsights.analytics.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One open {@code /api/live/stream}: a writer thread of its own drains a small queue of event
 * frames into the response and writes a heartbeat comment when nothing happened for a while.
 *
 * <p>Concurrency: {@link #offer} and {@link #stop} are called by the hub's poller and by the
 * server's shutdown; {@link #run} is the only thread that touches the exchange. A client that does
 * not read its events fast enough fills its queue and is dropped rather than slowing the poller or
 * holding memory; its browser reconnects on its own ({@code retry}).
 */
final class SseClient implements Runnable {
  /** Frames waiting for a slow client; a client this far behind is dropped. */
  static final int QUEUE_CAPACITY = 64;

  /** The browser's reconnection delay after a dropped stream, in ms. */
  static final int RETRY_MS = 3000;

  private static final String END = "end of stream"; // compared by identity

  private final HttpExchange exchange;
  private final long heartbeatMillis;
  private final Supplier<String> firstFrames;
  private final Runnable onEnd;
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY + 1);
  private volatile boolean open = true;

  /**
   * @param firstFrames computed on the writer thread: what a new client sees at once
   * @param onEnd called once when the stream has ended, for whatever reason
   */
  SseClient(
      HttpExchange exchange, long heartbeatMillis, Supplier<String> firstFrames, Runnable onEnd) {
    this.exchange = exchange;
    this.heartbeatMillis = heartbeatMillis;
    this.firstFrames = firstFrames;
    this.onEnd = onEnd;
  }

  /** An SSE frame: {@code event: NAME}, one {@code data:} line (compact JSON has no newline). */
  static String frame(String event, String data) {
    return "event: " + event + "\ndata: " + data + "\n\n";
  }

  /** Queues a frame; drops the client when it is too far behind. */
  void offer(String frame) {
    if (open && queue.size() >= QUEUE_CAPACITY) {
      stop();
    } else if (open) {
      queue.offer(frame);
    }
  }

  /** Ends the stream: the writer finishes the response and closes it. */
  void stop() {
    open = false;
    queue.clear();
    queue.offer(END);
  }

  boolean isOpen() {
    return open;
  }

  @Override
  public void run() {
    try (OutputStream out = exchange.getResponseBody()) {
      write(out, "retry: " + RETRY_MS + "\n\n" + firstFrames.get());
      while (open) {
        String frame = queue.poll(heartbeatMillis, TimeUnit.MILLISECONDS);
        if (frame == END || !open) {
          break;
        }
        write(out, frame == null ? ": heartbeat\n\n" : frame);
      }
    } catch (IOException e) {
      // The client went away: nothing to report.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open = false;
      exchange.close();
      onEnd.run();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
