package io.rpainsights.agent.resources;

import io.rpainsights.agent.event.ResourceSample;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

/**
 * Run in a fresh JVM by {@link StartupSampleIsolationTest}: takes the start-up and the final sample
 * the way the agent does, then does what an application's {@code main()} may do first, pick its
 * LogManager, and reports whether that still worked. With {@code oshi-first} it reads OSHI before
 * anything else, to show what the sampler avoids.
 */
public final class StartupSampleMain {

  private StartupSampleMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("oshi-first")) {
      new OshiProbe().read();
    }
    BlockingQueue<ResourceSample> samples = new LinkedBlockingQueue<>();
    ResourceSampler sampler = new ResourceSampler(3_600_000L, () -> 0, samples::add);
    sampler.start();
    ResourceSample atStart = samples.poll(30, TimeUnit.SECONDS);
    sampler.shutdown();
    ResourceSample atShutdown = samples.poll();

    System.setProperty("java.util.logging.manager", ApplicationLogManager.class.getName());
    System.out.println("startSample=" + (atStart != null));
    System.out.println("finalSample=" + (atShutdown != null));
    System.out.println("heapUsedAtStart=" + (atStart == null ? null : atStart.heapUsedBytes));
    System.out.println("logManager=" + LogManager.getLogManager().getClass().getName());
  }

  /** The LogManager the application chooses. */
  public static final class ApplicationLogManager extends LogManager {}
}
