package io.rpainsights.agent.collect;

import static io.rpainsights.agent.collect.Events.finish;
import static io.rpainsights.agent.collect.Events.start;
import static io.rpainsights.agent.collect.Events.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.StepRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class EventQueueTest {

  private final AgentHealth health = new AgentHealth();

  @Test
  void ordinaryEventsAreRefusedAtCapacityMinusReserveAndCounted() {
    EventQueue queue = new EventQueue(100, 10, health);

    int accepted = 0;
    for (int i = 0; i < 150; i++) {
      if (queue.offer(step("p", i))) {
        accepted++;
      }
    }

    assertThat(accepted).isEqualTo(90);
    assertThat(queue.size()).isEqualTo(90);
    assertThat(health.dropped()).isEqualTo(60);
  }

  @Test
  void lifecycleEventsUseTheReserveAndThenTheOverflow() {
    EventQueue queue = new EventQueue(100, 10, health);
    for (int i = 0; i < 90; i++) {
      queue.offer(step("p", i));
    }
    assertThat(queue.offer(step("p", 90))).isFalse();

    for (int i = 0; i < 15; i++) {
      assertThat(queue.offer(start("e" + i))).isTrue();
    }
    assertThat(queue.offer(finish("e0"))).isTrue();

    assertThat(health.dropped()).isEqualTo(1);
    assertThat(queue.size()).isEqualTo(106);
    List<Event> drained = new ArrayList<>();
    assertThat(queue.drainTo(drained, 1000)).isEqualTo(106);
    // The overflow (starts e10..e14 and the finish) comes first, then the ring in order.
    assertThat(drained.subList(0, 6))
        .extracting(Event::kind)
        .containsExactly(
            Event.Kind.EXECUTION_STARTED,
            Event.Kind.EXECUTION_STARTED,
            Event.Kind.EXECUTION_STARTED,
            Event.Kind.EXECUTION_STARTED,
            Event.Kind.EXECUTION_STARTED,
            Event.Kind.EXECUTION_FINISHED);
    assertThat(((ExecutionStarted) drained.get(0)).executionId).isEqualTo("e10");
    assertThat(((StepRecord) drained.get(6)).stepNumber).isZero();
    assertThat(((ExecutionStarted) drained.get(96)).executionId).isEqualTo("e0");
    assertThat(queue.size()).isZero();
  }

  @Test
  void lifecycleEventsAreDroppedOnlyAfterTheOverflowIsClosed() {
    EventQueue queue = new EventQueue(16, 4, health);
    for (int i = 0; i < 16; i++) {
      queue.offer(start("e" + i));
    }
    queue.closeOverflow();

    assertThat(queue.offer(start("late"))).isFalse();
    assertThat(health.dropped()).isEqualTo(1);
  }

  @Test
  void capacityIsHonouredExactlyWhenItIsNotAPowerOfTwo() {
    EventQueue queue = new EventQueue(1000, health);
    int ordinary = 0;
    for (int i = 0; i < 2000; i++) {
      if (queue.offer(step("p", i))) {
        ordinary++;
      }
    }
    for (int i = 0; i < 100; i++) {
      queue.offer(start("e" + i));
    }

    assertThat(queue.capacity()).isEqualTo(1000);
    assertThat(ordinary).isEqualTo(1000 - 64);
    // The ring took exactly 1000 (the buffer behind it has 1024 slots); the rest overflowed.
    assertThat(queue.producerPosition()).isEqualTo(1000);
    assertThat(queue.size()).isEqualTo(1036);
  }

  @Test
  void defaultReserveIsASixteenthWithAFloorOf64AndAtMostHalf() {
    assertThat(EventQueue.defaultReserve(65536)).isEqualTo(4096);
    assertThat(EventQueue.defaultReserve(1000)).isEqualTo(64);
    assertThat(EventQueue.defaultReserve(16)).isEqualTo(8);
  }

  @Test
  void drainHonoursMaxAndKeepsOrderAcrossManyWrapArounds() {
    EventQueue queue = new EventQueue(8, 0, health);
    List<Event> drained = new ArrayList<>();
    int next = 0;
    for (int round = 0; round < 1000; round++) {
      for (int i = 0; i < 5; i++) {
        assertThat(queue.offer(step("p", next++))).isTrue();
      }
      queue.drainTo(drained, 3);
      queue.drainTo(drained, 2);
      queue.release();
    }

    assertThat(drained).hasSize(5000);
    for (int i = 0; i < drained.size(); i++) {
      assertThat(((StepRecord) drained.get(i)).stepNumber).isEqualTo(i);
    }
    assertThat(health.dropped()).isZero();
  }

  @Test
  void nullIsIgnoredAndNotCounted() {
    EventQueue queue = new EventQueue(16, health);

    assertThat(queue.offer(null)).isFalse();
    assertThat(queue.size()).isZero();
    assertThat(health.dropped()).isZero();
  }

  @Test
  void invalidSizesAreRejected() {
    assertThatThrownBy(() -> new EventQueue(1, health))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity");
    assertThatThrownBy(() -> new EventQueue(16, 16, health))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserve");
  }

  @Test
  void theReserveHoldsExactlyUnderContention() throws Exception {
    EventQueue queue = new EventQueue(1024, 64, health);
    int threads = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String name = "p" + t;
      Thread producer =
          new Thread(
              () -> {
                await(go);
                for (int i = 0; i < 1000; i++) {
                  queue.offer(step(name, i));
                }
              });
      producers.add(producer);
      producer.start();
    }
    go.countDown();
    for (Thread producer : producers) {
      producer.join();
    }

    // No consumer ran: exactly capacity - reserve ordinary events got in, however they raced.
    assertThat(queue.size()).isEqualTo(960);
    assertThat(health.dropped()).isEqualTo(8000 - 960);
    for (int i = 0; i < 64; i++) {
      assertThat(queue.offer(start("e" + i))).isTrue();
    }
    assertThat(queue.producerPosition()).isEqualTo(1024);
  }

  @Test
  void manyProducersOneConsumerDeliversEveryAcceptedEventOnceInProducerOrder() throws Exception {
    int producers = 8;
    int perProducer = 50_000;
    EventQueue queue = new EventQueue(4096, health);
    AtomicLong offered = new AtomicLong();
    long[] accepted = new long[producers];
    int[] lastSeen = new int[producers];
    long[] received = new long[producers];
    Arrays.fill(lastSeen, -1);
    List<String> violations = new ArrayList<>();

    produceAndConsume(
        queue,
        producers,
        512,
        id -> {
          String name = Integer.toString(id);
          for (int i = 0; i < perProducer; i++) {
            offered.incrementAndGet();
            if (queue.offer(step(name, i))) {
              accepted[id]++;
            }
          }
        },
        batch -> {
          for (Event event : batch) {
            StepRecord step = (StepRecord) event;
            int p = Integer.parseInt(step.executionId);
            if (step.stepNumber <= lastSeen[p] && violations.size() < 10) {
              violations.add(p + ": " + step.stepNumber + " after " + lastSeen[p]);
            }
            lastSeen[p] = step.stepNumber;
            received[p]++;
          }
        });

    assertThat(violations).isEmpty();
    long totalReceived = 0;
    for (int p = 0; p < producers; p++) {
      assertThat(received[p]).as("producer %d", p).isEqualTo(accepted[p]);
      totalReceived += received[p];
    }
    assertThat(totalReceived + health.dropped()).isEqualTo(offered.get());
    assertThat(offered.get()).isEqualTo((long) producers * perProducer);
    assertThat(queue.size()).isZero();
  }

  private static boolean offerStep(EventQueue queue, String execution, int number) {
    return queue.offerStep(
        execution,
        "w",
        "n" + number,
        "a",
        number,
        1000L + number,
        number / 2.0,
        "success",
        null,
        null,
        false);
  }

  @Test
  void aHugeFlusherBatchDoesNotGrowTheRingBeyondTwiceTheCapacity() {
    // collector.batchSize 2^31 - 1 asks for that many events in flight; no drain can take more
    // than the capacity, so the ring stays capacity + capacity slots.
    EventQueue queue = new EventQueue(1024, health, Integer.MAX_VALUE);
    assertThat(queue.ringLength()).isEqualTo(2048);
    assertThat(new EventQueue(65_536, health, 8_000).ringLength()).isEqualTo(131_072);
  }

  @Test
  void aSlotRecordIsRefilledOnlyAfterTheConsumerReleasedIt() {
    // capacity 4 + 4 in flight: a ring of 8 slots.
    EventQueue queue = new EventQueue(4, 0, 4, health);
    for (int i = 0; i < 4; i++) {
      assertThat(offerStep(queue, "first", i)).isTrue();
    }
    List<Event> first = new ArrayList<>();
    assertThat(queue.drainTo(first, 10)).isEqualTo(4);

    // While those four are in flight the producers fill the other four slots...
    for (int i = 0; i < 4; i++) {
      assertThat(offerStep(queue, "second", i)).isTrue();
    }
    assertThat(offerStep(queue, "refused", 9)).isFalse();
    // ...and the consumer may not take more than four in flight.
    List<Event> second = new ArrayList<>();
    assertThat(queue.drainTo(second, 10)).isZero();
    assertThat(first).allSatisfy(e -> assertThat(((StepRecord) e).executionId).isEqualTo("first"));

    queue.release();
    assertThat(queue.drainTo(second, 10)).isEqualTo(4);
    queue.release();
    // The next four claim the first four slots again and refill their records.
    for (int i = 0; i < 4; i++) {
      assertThat(offerStep(queue, "third", i)).isTrue();
    }
    List<Event> third = new ArrayList<>();
    assertThat(queue.drainTo(third, 10)).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(third.get(i)).isSameAs(first.get(i));
      StepRecord step = (StepRecord) third.get(i);
      assertThat(step.executionId).isEqualTo("third");
      assertThat(step.stepNumber).isEqualTo(i);
      assertThat(step.nodeId).isEqualTo("n" + i);
      assertThat(step.durationMs).isEqualTo(i / 2.0);
    }
    assertThat(health.dropped()).isEqualTo(1);
  }

  @Test
  void aReleasedSlotRecordLetsGoOfItsErrorTexts() {
    EventQueue queue = new EventQueue(4, 0, 4, health);
    queue.offerStep("e", "w", "n", "a", 1, 1000L, 1.0, "failed", "Boom", "x".repeat(2000), false);
    List<Event> drained = new ArrayList<>();
    queue.drainTo(drained, 10);
    StepRecord step = (StepRecord) drained.get(0);
    assertThat(step.errorMessage).hasSize(2000); // what the sinks see

    queue.release();

    assertThat(step.errorMessage).isNull();
    assertThat(step.errorType).isNull();
    assertThat(step.executionId).isEqualTo("e");
  }

  @Test
  void slotRecordsNeverChangeWhileInFlightUnderManyProducers() throws Exception {
    int producers = 4;
    int perProducer = 100_000;
    EventQueue queue = new EventQueue(1024, 0, 256, health);
    long[] accepted = new long[producers];
    long[] received = new long[producers];
    List<String> violations = new ArrayList<>();

    long[] snapshot = new long[256];
    produceAndConsume(
        queue,
        producers,
        256,
        id -> {
          for (int i = 0; i < perProducer; i++) {
            if (offerStep(queue, Integer.toString(id), i)) {
              accepted[id]++;
            }
          }
        },
        batch -> {
          for (int i = 0; i < batch.size(); i++) {
            snapshot[i] = fingerprint((StepRecord) batch.get(i));
          }
          Thread.yield(); // give producers time to overwrite a record they must not touch
          for (int i = 0; i < batch.size(); i++) {
            StepRecord step = (StepRecord) batch.get(i);
            long now = fingerprint(step);
            boolean consistent =
                step.startedAt == 1000L + step.stepNumber
                    && step.nodeId.equals("n" + step.stepNumber);
            if ((now != snapshot[i] || !consistent) && violations.size() < 10) {
              violations.add(step.executionId + "/" + step.stepNumber);
            }
            received[Integer.parseInt(step.executionId)]++;
          }
        });

    assertThat(violations).isEmpty();
    for (int p = 0; p < producers; p++) {
      assertThat(received[p]).as("producer %d", p).isEqualTo(accepted[p]);
    }
    assertThat(Arrays.stream(accepted).sum() + health.dropped())
        .isEqualTo((long) producers * perProducer);
  }

  /**
   * Runs {@code producers} threads, released together, each calling {@code produce} with its id,
   * against one consumer that hands every drained batch (at most {@code batchMax}) to {@code
   * consume} and then releases it, until the producers are done and the queue is empty.
   */
  private static void produceAndConsume(
      EventQueue queue,
      int producers,
      int batchMax,
      IntConsumer produce,
      Consumer<List<Event>> consume)
      throws InterruptedException {
    AtomicBoolean producing = new AtomicBoolean(true);
    Thread consumer =
        new Thread(
            () -> {
              List<Event> batch = new ArrayList<>(batchMax);
              while (true) {
                boolean done = !producing.get();
                batch.clear();
                int n = queue.drainTo(batch, batchMax);
                consume.accept(batch);
                queue.release();
                if (n == 0) {
                  if (done && queue.consumerPosition() == queue.producerPosition()) {
                    return;
                  }
                  Thread.onSpinWait();
                }
              }
            });
    consumer.start();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < producers; t++) {
      int id = t;
      Thread producer =
          new Thread(
              () -> {
                await(go);
                produce.accept(id);
              });
      threads.add(producer);
      producer.start();
    }
    go.countDown();
    for (Thread producer : threads) {
      producer.join();
    }
    producing.set(false);
    consumer.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(consumer.isAlive()).isFalse();
  }

  private static long fingerprint(StepRecord step) {
    return (step.executionId.hashCode() * 31L + step.stepNumber) * 31L + step.startedAt;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
