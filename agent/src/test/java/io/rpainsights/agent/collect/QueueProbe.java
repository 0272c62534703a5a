package io.rpainsights.agent.collect;

import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.StepRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.MpscArrayQueue;

/**
 * A manual measurement, not a test: nanoseconds per offer with one consumer draining, for {@link
 * EventQueue} against JCTools' MpscArrayQueue used the only way it could give the lifecycle reserve
 * (a {@code size()} check before {@code offer}) and used bare (no reserve at all). Variants run
 * alternately; medians are printed. The numbers to trust are the ratios within one run.
 *
 * <pre>
 * java -cp "agent/target/classes:agent/target/test-classes:$JCTOOLS_JAR" \
 *     io.rpainsights.agent.collect.QueueProbe [producers=1] [offersPerProducer=5000000] [rounds=5]
 *     [work=0: LCG steps between offers; with work the first line is the no-queue baseline]
 * </pre>
 */
public final class QueueProbe {

  private static final int CAPACITY = 65536;
  private static final int RESERVE = 4096;

  private static final Map<String, List<Double>> accepted = new LinkedHashMap<>();

  private QueueProbe() {}

  /** What a variant must offer: one admission decision per event, and a drain for the consumer. */
  private interface Candidate {
    boolean offer(Event event);

    int drain(List<Event> target, int max);
  }

  public static void main(String[] args) throws Exception {
    int producers = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int offers = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    work = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    Map<String, List<Double>> results = new LinkedHashMap<>();
    for (int round = 0; round < rounds + 1; round++) {
      boolean warmUp = round == 0;
      if (work > 0) {
        measure(results, warmUp, "no queue (work only)", producers, offers, QueueProbe::none);
      }
      measure(results, warmUp, "EventQueue", producers, offers, QueueProbe::eventQueue);
      measure(results, warmUp, "MpscArrayQueue+size()", producers, offers, QueueProbe::jctools);
      measure(results, warmUp, "MpscArrayQueue bare", producers, offers, QueueProbe::jctoolsBare);
    }
    System.out.printf(
        "reserve kept under contention (no consumer, 8 threads racing for the last slots, "
            + "ordinary limit %d), most ordinary events admitted in 200 trials:%n",
        CAPACITY - RESERVE);
    System.out.printf("  EventQueue            %d%n", mostAdmitted(QueueProbe::eventQueue));
    System.out.printf("  MpscArrayQueue+size() %d%n", mostAdmitted(QueueProbe::jctools));
    System.out.printf(
        "%d producer(s) x %,d offers, 1 consumer, %d rounds, %d cores, java %s%n",
        producers,
        offers,
        rounds,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (Map.Entry<String, List<Double>> entry : results.entrySet()) {
      List<Double> sorted = new ArrayList<>(entry.getValue());
      Collections.sort(sorted);
      System.out.printf(
          "%-22s median %6.1f ns/offer   (min %.1f, max %.1f)%n",
          entry.getKey(),
          sorted.get(sorted.size() / 2),
          sorted.get(0),
          sorted.get(sorted.size() - 1));
    }
  }

  /** Busy work between offers (an LCG step per unit), so the consumer can keep up. */
  private static int work;

  private static volatile long sink;

  private static Candidate none() {
    return new Candidate() {
      @Override
      public boolean offer(Event event) {
        return true;
      }

      @Override
      public int drain(List<Event> target, int max) {
        return 0;
      }
    };
  }

  /**
   * Fills a queue to just below the ordinary limit, then lets 8 threads race for the last slots
   * with ordinary events; returns the most that any trial admitted. Exact admission gives the limit
   * itself.
   */
  private static long mostAdmitted(java.util.function.Supplier<Candidate> factory)
      throws Exception {
    StepRecord event =
        new StepRecord("e", "wf", "n", "a", 1, 0L, 1.0, StepRecord.SUCCESS, null, null, false);
    long most = 0;
    for (int trial = 0; trial < 200; trial++) {
      Candidate candidate = factory.get();
      int limit = CAPACITY - RESERVE;
      for (int i = 0; i < limit - 8; i++) {
        candidate.offer(event);
      }
      AtomicLong admitted = new AtomicLong(limit - 8);
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Thread racer =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < 4; i++) {
                    if (candidate.offer(event)) {
                      admitted.incrementAndGet();
                    }
                  }
                });
        threads.add(racer);
        racer.start();
      }
      go.countDown();
      for (Thread racer : threads) {
        racer.join();
      }
      most = Math.max(most, admitted.get());
    }
    return most;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static Candidate eventQueue() {
    EventQueue queue = new EventQueue(CAPACITY, RESERVE, new AgentHealth());
    return new Candidate() {
      @Override
      public boolean offer(Event event) {
        return queue.offer(event);
      }

      @Override
      public int drain(List<Event> target, int max) {
        int drained = queue.drainTo(target, max);
        queue.release(); // the probe's consumer is done with events once it has them
        return drained;
      }
    };
  }

  private static Candidate jctools() {
    MpscArrayQueue<Event> queue = new MpscArrayQueue<>(CAPACITY);
    AgentHealth health = new AgentHealth();
    return new Candidate() {
      @Override
      public boolean offer(Event event) {
        boolean lifecycle = event instanceof ExecutionStarted || event instanceof ExecutionFinished;
        if (!lifecycle && queue.size() >= CAPACITY - RESERVE) {
          health.eventDropped();
          return false;
        }
        if (queue.offer(event)) {
          return true;
        }
        health.eventDropped();
        return false;
      }

      @Override
      public int drain(List<Event> target, int max) {
        return queue.drain(target::add, max);
      }
    };
  }

  private static Candidate jctoolsBare() {
    MpscArrayQueue<Event> queue = new MpscArrayQueue<>(CAPACITY);
    AgentHealth health = new AgentHealth();
    return new Candidate() {
      @Override
      public boolean offer(Event event) {
        if (queue.offer(event)) {
          return true;
        }
        health.eventDropped();
        return false;
      }

      @Override
      public int drain(List<Event> target, int max) {
        return queue.drain(target::add, max);
      }
    };
  }

  private static void measure(
      Map<String, List<Double>> results,
      boolean warmUp,
      String name,
      int producers,
      int offers,
      java.util.function.Supplier<Candidate> factory)
      throws Exception {
    Candidate candidate = factory.get();
    StepRecord event =
        new StepRecord("e", "wf", "n", "a", 1, 0L, 1.0, StepRecord.SUCCESS, null, null, false);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong consumed = new AtomicLong();
    AtomicLong acceptedTotal = new AtomicLong();
    Thread consumer =
        new Thread(
            () -> {
              List<Event> batch = new ArrayList<>(1000);
              long n = 0;
              while (running.get()) {
                batch.clear();
                int drained = candidate.drain(batch, 1000);
                n += drained;
                if (drained == 0) {
                  Thread.onSpinWait();
                }
              }
              consumed.set(n);
            });
    consumer.start();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      Thread producer =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                long x = 1;
                long accepted = 0;
                for (int i = 0; i < offers; i++) {
                  for (int w = 0; w < work; w++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                  }
                  if (candidate.offer(event)) {
                    accepted++;
                  }
                }
                sink = x;
                acceptedTotal.addAndGet(accepted);
              });
      threads.add(producer);
      producer.start();
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread producer : threads) {
      producer.join();
    }
    long elapsed = System.nanoTime() - start;
    running.set(false);
    consumer.join();
    if (!warmUp) {
      results
          .computeIfAbsent(name, k -> new ArrayList<>())
          .add((double) elapsed / offers); // wall time per offer, as each producer sees it
      accepted
          .computeIfAbsent(name, k -> new ArrayList<>())
          .add(100.0 * acceptedTotal.get() / ((long) producers * offers));
    }
  }
}
