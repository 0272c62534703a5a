package io.rpainsights.agent.collect;

import static io.rpainsights.agent.collect.Events.finish;
import static io.rpainsights.agent.collect.Events.start;
import static io.rpainsights.agent.collect.Events.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.log.AgentLog;
import io.rpainsights.agent.log.CapturedAgentLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FlusherTest {

  private static final long HOUR_MS = TimeUnit.HOURS.toMillis(1);

  private final AgentHealth health = new AgentHealth();
  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();
  private final List<Flusher> started = new ArrayList<>();

  @AfterEach
  void stopFlushers() {
    for (Flusher flusher : started) {
      flusher.shutdown(5000);
    }
  }

  private Flusher startFlusher(
      EventQueue queue, int batchSize, long intervalMs, EventSink... sinks) {
    Flusher flusher = new Flusher(queue, batchSize, intervalMs, health, List.of(sinks));
    started.add(flusher);
    flusher.start();
    return flusher;
  }

  @Test
  void writesWholeBatchesAsSoonAsBatchSizeEventsAreWaitingAndLeavesTheRemainder() {
    EventQueue queue = new EventQueue(1024, health);
    RecordingSink sink = new RecordingSink();
    Flusher flusher = startFlusher(queue, 10, HOUR_MS, sink);

    for (int i = 0; i < 25; i++) {
      queue.offer(step("p", i));
    }

    awaitTrue(() -> sink.events() >= 20, "two batches' worth written");
    // Nothing short of batchSize is written before the (hour-long) interval: whatever the
    // flusher saw waiting, it wrote whole multiples of 10 and left the other 5 queued.
    assertThat(sink.events()).isEqualTo(20);
    assertThat(sink.batchSizes()).allSatisfy(size -> assertThat(size % 10).isZero());
    assertThat(queue.size()).isEqualTo(5);
    flusher.flushNow();
    assertThat(sink.events()).isEqualTo(25);
    assertThat(sink.stepNumbers()).isEqualTo(range(25));
  }

  @Test
  void aBacklogIsWrittenInFewerLargerBatchesUpToEightBatchesWorth() {
    EventQueue queue = new EventQueue(1024, health);
    RecordingSink sink = new RecordingSink();
    CountDownLatch release = new CountDownLatch(1);
    sink.blockOnFirstBatch(release);
    Flusher flusher = startFlusher(queue, 10, HOUR_MS, sink);
    for (int i = 0; i < 10; i++) {
      queue.offer(step("p", i));
    }
    awaitTrue(() -> sink.entered.get() == 1, "the flusher inside its first write");
    for (int i = 10; i < 200; i++) {
      queue.offer(step("p", i));
    }

    release.countDown();
    awaitTrue(() -> sink.events() == 200, "the backlog written");

    assertThat(sink.batchSizes()).containsExactly(10, 80, 80, 30);
    assertThat(sink.stepNumbers()).isEqualTo(range(200));
    flusher.flushNow();
  }

  @Test
  void writesWhatIsWaitingOnceTheFlushIntervalHasPassed() {
    EventQueue queue = new EventQueue(1024, health);
    RecordingSink sink = new RecordingSink();
    startFlusher(queue, 1000, 100, sink);

    long offeredAt = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      queue.offer(step("p", i));
    }

    awaitTrue(() -> sink.events() == 3, "the interval flush");
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(sink.firstWriteNanos - offeredAt);
    assertThat(waitedMs).isGreaterThanOrEqualTo(100);
    assertThat(sink.batchSizes()).containsExactly(3);
  }

  @Test
  void flushNowReturnsOnlyAfterEverythingOfferedBeforeItIsWritten() throws Exception {
    EventQueue queue = new EventQueue(65536, health);
    RecordingSink sink = new RecordingSink();
    Flusher flusher = startFlusher(queue, 1000, HOUR_MS, sink);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String name = "p" + t;
      Thread producer =
          new Thread(
              () -> {
                for (int i = 0; i < 2500; i++) {
                  queue.offer(step(name, i));
                }
              });
      producers.add(producer);
      producer.start();
    }
    for (Thread producer : producers) {
      producer.join();
    }

    flusher.flushNow();

    assertThat(sink.events()).isEqualTo(10_000);
    assertThat(health.dropped()).isZero();
  }

  @Test
  void flushNowReturnsWhileProducersKeepOffering() throws Exception {
    EventQueue queue = new EventQueue(4096, health);
    RecordingSink sink = new RecordingSink();
    Flusher flusher = startFlusher(queue, 100, HOUR_MS, sink);
    AtomicBoolean flooding = new AtomicBoolean(true);
    Thread producer =
        new Thread(
            () -> {
              int i = 0;
              while (flooding.get()) {
                queue.offer(i % 64 == 0 ? start("e" + i) : step("p", i));
                i++;
              }
            });
    producer.start();
    try {
      awaitTrue(() -> sink.events() > 1000, "the flood reaching the sink");
      for (int i = 0; i < 3; i++) {
        long before = queue.producerPosition();
        flusher.flushNow();
        assertThat(queue.consumerPosition()).isGreaterThanOrEqualTo(before);
      }
    } finally {
      flooding.set(false);
      producer.join();
    }
  }

  @Test
  void aThrowingSinkIsCountedRetriedAndTheThreadCarriesOn() {
    EventQueue queue = new EventQueue(1024, health);
    AtomicInteger failuresLeft = new AtomicInteger(2);
    RecordingSink sink =
        new RecordingSink() {
          @Override
          public void accept(List<Event> batch) throws Exception {
            if (failuresLeft.getAndDecrement() > 0) {
              throw new java.sql.SQLException("disk I/O error");
            }
            super.accept(batch);
          }
        };
    Flusher flusher = startFlusher(queue, 5, HOUR_MS, sink);

    for (int i = 0; i < 5; i++) {
      queue.offer(step("p", i));
    }
    awaitTrue(() -> sink.events() == 5, "the batch written on its third attempt");

    assertThat(health.writeErrors()).isEqualTo(2);
    assertThat(health.dropped()).isZero();
    assertThat(logLines()).hasSize(1);
    assertThat(logLines().get(0))
        .startsWith(AgentLog.PREFIX)
        .contains("could not write 5 events")
        .contains("java.sql.SQLException: disk I/O error");

    queue.offer(step("p", 5));
    flusher.flushNow();
    assertThat(sink.stepNumbers()).isEqualTo(range(6));
  }

  @Test
  void aBatchTheSinkKeepsRejectingIsDroppedAndCountedAndLaterBatchesStillFlow() {
    EventQueue queue = new EventQueue(1024, health);
    RecordingSink good = new RecordingSink();
    EventSink poisoned =
        batch -> {
          for (Event event : batch) {
            if (((StepRecord) event).stepNumber < 4) {
              throw new OutOfMemoryError("simulated");
            }
          }
        };
    Flusher flusher = startFlusher(queue, 4, HOUR_MS, poisoned, good);

    for (int i = 0; i < 4; i++) {
      queue.offer(step("p", i));
    }
    flusher.flushNow();
    for (int i = 4; i < 8; i++) {
      queue.offer(step("p", i));
    }
    flusher.flushNow();

    assertThat(health.writeErrors()).isEqualTo(Flusher.MAX_ATTEMPTS);
    assertThat(health.dropped()).isEqualTo(4);
    // The other sink got both batches; the thread survived an Error.
    assertThat(good.stepNumbers()).isEqualTo(range(8));
    assertThat(String.join("\n", logLines()))
        .contains("gave up on a batch of 4 events")
        .contains("after 3 attempts");
    assertThat(logLines()).hasSize(2); // once for the incident, once for the give-up
  }

  @Test
  void shutdownDrainsTheRingAndTheOverflowWritesThemInBatchesAndClosesTheSinks() {
    EventQueue queue = new EventQueue(64, 8, health);
    RecordingSink sink = new RecordingSink();
    Flusher flusher = startFlusher(queue, 10, HOUR_MS, sink);
    // Hold the flusher inside its first write so everything else piles up in the queue.
    CountDownLatch release = new CountDownLatch(1);
    sink.blockOnFirstBatch(release);
    for (int i = 0; i < 10; i++) {
      queue.offer(step("p", i));
    }
    awaitTrue(() -> sink.entered.get() == 1, "the flusher inside its first write");
    int offered = 10;
    for (int i = 10; i < 100; i++) {
      if (queue.offer(step("p", i))) {
        offered++;
      }
    }
    for (int i = 0; i < 40; i++) {
      queue.offer(start("e" + i));
      queue.offer(finish("e" + i));
      offered += 2;
    }
    assertThat(queue.size()).isGreaterThan(queue.capacity()); // the overflow is in use

    release.countDown();
    flusher.shutdown(10_000);

    assertThat(sink.events()).isEqualTo(offered);
    assertThat(sink.batchSizes())
        .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(10 * Flusher.COALESCE));
    assertThat(sink.closed.get()).isEqualTo(1);
    assertThat(queue.size()).isZero();
    assertThat(health.dropped()).isEqualTo(100 - (offered - 80));

    flusher.shutdown(10_000);
    assertThat(sink.closed.get()).isEqualTo(1);
  }

  @Test
  void shutdownWithoutStartDrainsOnTheCallersThread() {
    EventQueue queue = new EventQueue(1024, health);
    RecordingSink sink = new RecordingSink();
    Flusher flusher = new Flusher(queue, 40, HOUR_MS, health, List.of(sink));
    for (int i = 0; i < 650; i++) {
      queue.offer(step("p", i));
    }

    flusher.shutdown(5000);

    assertThat(sink.batchSizes()).containsExactly(320, 320, 10);
    assertThat(sink.threads).containsOnly(Thread.currentThread().getName());
    assertThat(sink.closed.get()).isEqualTo(1);
  }

  @Test
  void shutdownGivesUpAtItsDeadlineWhenASinkHangs() throws Exception {
    EventQueue queue = new EventQueue(1024, health);
    RecordingSink sink = new RecordingSink();
    CountDownLatch release = new CountDownLatch(1);
    sink.blockOnFirstBatch(release);
    Flusher flusher = startFlusher(queue, 1, HOUR_MS, sink);
    queue.offer(step("p", 0));
    awaitTrue(() -> sink.entered.get() == 1, "the flusher inside a hanging write");

    long before = System.nanoTime();
    flusher.shutdown(200);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

    assertThat(tookMs).isBetween(150L, 5000L);
    assertThat(logLines()).anySatisfy(line -> assertThat(line).contains("within 200 ms"));
    release.countDown();
  }

  @Test
  void runsOnANamedDaemonThread() {
    EventQueue queue = new EventQueue(1024, health);
    RecordingSink sink = new RecordingSink();
    startFlusher(queue, 1, HOUR_MS, sink);

    queue.offer(step("p", 0));

    awaitTrue(() -> sink.events() == 1, "one event written");
    assertThat(sink.threads).containsOnly(Flusher.THREAD_NAME);
    assertThat(sink.daemon).isTrue();
  }

  private List<String> logLines() {
    String text = log.text().trim();
    return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
  }

  private static List<Integer> range(int n) {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      numbers.add(i);
    }
    return numbers;
  }

  static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** Remembers what it was given, from which thread, and when. */
  static class RecordingSink implements EventSink {
    final List<Event> received = new CopyOnWriteArrayList<>();
    final List<Integer> sizes = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger entered = new AtomicInteger();
    volatile boolean daemon;
    volatile long firstWriteNanos;
    private volatile CountDownLatch gate;

    void blockOnFirstBatch(CountDownLatch release) {
      gate = release;
    }

    @Override
    public void accept(List<Event> batch) throws Exception {
      if (entered.incrementAndGet() == 1 && gate != null) {
        gate.await();
      }
      if (firstWriteNanos == 0) {
        firstWriteNanos = System.nanoTime();
      }
      threads.add(Thread.currentThread().getName());
      daemon = Thread.currentThread().isDaemon();
      sizes.add(batch.size());
      received.addAll(batch);
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }

    int events() {
      return received.size();
    }

    List<Integer> batchSizes() {
      return Collections.unmodifiableList(new ArrayList<>(sizes));
    }

    List<Integer> stepNumbers() {
      List<Integer> numbers = new ArrayList<>();
      for (Event event : received) {
        numbers.add(((StepRecord) event).stepNumber);
      }
      return numbers;
    }
  }
}
