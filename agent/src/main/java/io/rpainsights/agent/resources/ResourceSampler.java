package io.rpainsights.agent.resources;

import io.rpainsights.agent.event.ResourceSample;
import io.rpainsights.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Samples process and host resources on a daemon thread ({@value #THREAD_NAME}): one sample at
 * {@link #start}, one every {@code intervalMs}, one at {@link #shutdown}. Each becomes a {@code
 * resources} row.
 *
 * <p><b>Figures.</b> A figure the platform does not expose is null, never 0.
 *
 * <ul>
 *   <li>Process and system CPU are both normalised to the whole machine, 0–100: a process keeping
 *       one core of four busy reads 25, not 100 as in {@code top}. For the process, "the machine"
 *       is the {@link Runtime#availableProcessors() processors this JVM may use} (all logical
 *       processors unless a container quota or affinity mask restricts it); the system figure is
 *       the busy share of all CPU time (in a container, the host's, as {@code /proc/stat} shows
 *       it). Process CPU covers the interval since the previous sample, the first sample the time
 *       since the JVM started (as {@code ps} reports it); system CPU is null on the first sample.
 *   <li>Heap used is {@code Runtime.totalMemory() − freeMemory()}. The MemoryMXBean's figure is not
 *       used: under G1 it counts eden only as of the last collection, so it reads 0 at start-up and
 *       lags between collections.
 *   <li>Disk read/write bytes are this process's storage I/O since the previous sample (Linux:
 *       {@code read_bytes}/{@code write_bytes} of {@code /proc/self/io}, which OSHI reads too;
 *       elsewhere OSHI's per-process counters), null on the first sample. Per process rather than
 *       system-wide because a bot's row should show the bot's I/O, not a neighbour's backup.
 *   <li>GPU utilisation (average over devices) and GPU memory used (sum over devices) come from
 *       NVIDIA's NVML; null without an NVIDIA driver.
 *   <li>Running executions come from the supplier given at construction.
 * </ul>
 *
 * <p><b>Sources, and why OSHI waits.</b> The start-up sample uses only the JDK's MXBeans and {@code
 * /proc} ({@link JdkProbe}). OSHI and NVML are loaded on this thread, never in premain, at the
 * first periodic tick after the application has created {@code java.util.logging}'s LogManager (or
 * a minute after the agent started; see {@link JdkLoggingGate}): both bring JNA, which initialises
 * the LogManager, and doing that before the application has set {@code java.util.logging.manager}
 * would change the host's logging. The OSHI probe created at the first tick is first used at the
 * next sample, so that its system-CPU figure covers a full interval. If OSHI cannot be loaded or
 * throws at any time, one {@code [rpa-insights]} line is logged and the JDK probe serves the rest
 * of the run. Nothing here throws into the caller or the host.
 *
 * <p><b>Threads.</b> Samples are taken under one lock: by the sampler thread (start-up and periodic
 * samples), by the caller of {@link #shutdown} (the final sample) and by callers of {@link
 * #sampleNow}. Interval figures therefore cover the time since the previous sample, whoever took
 * it. The sink is called under that lock, in sample order, and the final sample is the last one it
 * receives; it must not block (the agent's queue offer refuses instead).
 */
public final class ResourceSampler {

  static final String THREAD_NAME = "rpa-insights-resources";

  private static final String OSHI_INCIDENT = "resources.oshi";

  private final long intervalNanos;
  private final IntSupplier runningExecutions;
  private final Consumer<ResourceSample> sink;
  private final Supplier<ResourceProbe> startupProbeFactory;
  private final Supplier<ResourceProbe> nativeProbeFactory;
  private final Supplier<NvmlGpuProbe> gpuProbeFactory;
  private final BooleanSupplier nativeSourcesAllowed;
  private final int processors = Runtime.getRuntime().availableProcessors();

  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean shutDown = new AtomicBoolean();
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile Thread thread;

  // Sampler thread only.
  private boolean nativeSourcesTried;

  private final Object lock = new Object();
  // Guarded by lock.
  private ResourceProbe fallback;
  private ResourceProbe active;
  private ResourceProbe primed;
  private NvmlGpuProbe gpu = NvmlGpuProbe.none();
  private boolean closed;
  private boolean baselineTaken;
  private long previousWallNanos;
  private Long previousCpuNanos;
  private Long previousReadBytes;
  private Long previousWriteBytes;

  /**
   * A sampler that reads nothing until {@link #start} or {@link #sampleNow}.
   *
   * @param intervalMs time between periodic samples ({@code resources.intervalMs}), positive
   * @param runningExecutions how many workflow executions are running now
   * @param sink receives every sample; must not block (it may drop)
   */
  public ResourceSampler(
      long intervalMs, IntSupplier runningExecutions, Consumer<ResourceSample> sink) {
    this(intervalMs, runningExecutions, sink, () -> true);
  }

  /**
   * As above, loading OSHI and NVML only once the application has settled its {@code
   * java.util.logging} manager (see {@link JdkLoggingGate}); the JDK probe serves until then.
   *
   * @param instrumentation the agent's, to see whether a LogManager has been created
   * @param startedNanos when the agent started ({@link System#nanoTime()})
   */
  public ResourceSampler(
      long intervalMs,
      IntSupplier runningExecutions,
      Consumer<ResourceSample> sink,
      Instrumentation instrumentation,
      long startedNanos) {
    this(
        intervalMs,
        runningExecutions,
        sink,
        new JdkLoggingGate(instrumentation, startedNanos, JdkLoggingGate.LONGEST_WAIT_MS));
  }

  private ResourceSampler(
      long intervalMs,
      IntSupplier runningExecutions,
      Consumer<ResourceSample> sink,
      BooleanSupplier nativeSourcesAllowed) {
    // Lambdas rather than method references: a reference to OshiProbe::new would load OshiProbe
    // when this constructor runs; a lambda body is linked only when it first executes.
    this(
        intervalMs,
        runningExecutions,
        sink,
        () -> new JdkProbe(),
        () -> new OshiProbe(),
        () -> NvmlGpuProbe.open(() -> NvmlNative.load()),
        nativeSourcesAllowed);
  }

  ResourceSampler(
      long intervalMs,
      IntSupplier runningExecutions,
      Consumer<ResourceSample> sink,
      Supplier<ResourceProbe> startupProbeFactory,
      Supplier<ResourceProbe> nativeProbeFactory,
      Supplier<NvmlGpuProbe> gpuProbeFactory) {
    this(
        intervalMs,
        runningExecutions,
        sink,
        startupProbeFactory,
        nativeProbeFactory,
        gpuProbeFactory,
        () -> true);
  }

  ResourceSampler(
      long intervalMs,
      IntSupplier runningExecutions,
      Consumer<ResourceSample> sink,
      Supplier<ResourceProbe> startupProbeFactory,
      Supplier<ResourceProbe> nativeProbeFactory,
      Supplier<NvmlGpuProbe> gpuProbeFactory,
      BooleanSupplier nativeSourcesAllowed) {
    if (intervalMs <= 0) {
      throw new IllegalArgumentException(
          "resources.intervalMs must be a positive number of milliseconds, not " + intervalMs);
    }
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    this.runningExecutions = Objects.requireNonNull(runningExecutions, "runningExecutions");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.startupProbeFactory = startupProbeFactory;
    this.nativeProbeFactory = nativeProbeFactory;
    this.gpuProbeFactory = gpuProbeFactory;
    this.nativeSourcesAllowed = nativeSourcesAllowed;
  }

  /**
   * Starts the daemon thread, which delivers a first sample right away (JDK sources only) and then
   * one every interval. A second call, or a call after {@link #shutdown}, does nothing.
   */
  public void start() {
    if (shutDown.get() || !started.compareAndSet(false, true)) {
      return;
    }
    try {
      Thread sampler = new Thread(this::run, THREAD_NAME);
      sampler.setDaemon(true);
      // OSHI finds its configuration through the context class loader: make it the agent's, and
      // keep the thread from pinning whichever application loader happened to start it.
      sampler.setContextClassLoader(ResourceSampler.class.getClassLoader());
      thread = sampler;
      sampler.start();
    } catch (Throwable e) {
      AgentLog.error("resource sampler not started", e);
    }
  }

  /** Takes one sample now and returns it without delivering it to the sink. */
  public ResourceSample sampleNow() {
    synchronized (lock) {
      return takeSample();
    }
  }

  /**
   * Stops the periodic samples and delivers a final one; later calls do nothing. Does not wait for
   * a tick in progress: the lock orders the final sample after it.
   */
  public void shutdown() {
    if (!shutDown.compareAndSet(false, true)) {
      return;
    }
    stop.countDown();
    synchronized (lock) {
      try {
        deliver(takeSample());
      } catch (Throwable e) {
        AgentLog.errorOnce("resources.final", "final resource sample lost", e);
      } finally {
        closed = true;
        gpu.close();
      }
    }
  }

  /** The sampler thread, null before {@link #start} (tests). */
  Thread thread() {
    return thread;
  }

  private void run() {
    synchronized (lock) {
      if (!closed) {
        deliverSafely();
      }
    }
    long next = System.nanoTime() + intervalNanos;
    try {
      while (!stop.await(Math.max(0L, next - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        tick();
        next += intervalNanos;
        long now = System.nanoTime();
        if (next - now < 0) {
          // Behind schedule (a long pause, a suspended laptop, a slow first tick): carry on from
          // now instead of firing the missed ticks back to back.
          next = now + intervalNanos;
        }
      }
    } catch (InterruptedException e) {
      // Only shutdown() is meant to stop this thread; an interrupt ends it as well.
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One periodic tick. The first one the logging gate allows also brings up OSHI and NVML; the OSHI
   * probe answers from the next sample on, so its system-CPU figure covers a whole interval.
   * Sampler thread (or tests) only.
   */
  void tick() {
    ResourceProbe opened = null;
    if (!nativeSourcesTried && nativeSourcesMayLoad()) {
      nativeSourcesTried = true;
      opened = openNativeSources();
    }
    synchronized (lock) {
      if (!closed) {
        deliverSafely();
        if (opened != null) {
          primed = opened;
        }
      }
    }
  }

  private boolean nativeSourcesMayLoad() {
    try {
      return nativeSourcesAllowed.getAsBoolean();
    } catch (RuntimeException e) {
      return true; // cannot tell: as before the gate existed
    }
  }

  /**
   * Loads OSHI and NVML outside the lock (it can take a while and must not hold up shutdown);
   * installs the GPU probe and returns the OSHI probe, null when OSHI failed.
   */
  private ResourceProbe openNativeSources() {
    ResourceProbe oshi = null;
    try {
      oshi = nativeProbeFactory.get();
    } catch (Throwable e) {
      reportOshiFailure(e);
    }
    NvmlGpuProbe nvml = NvmlGpuProbe.none();
    try {
      nvml = gpuProbeFactory.get();
    } catch (Throwable e) {
      AgentLog.errorOnce("resources.nvml", "no GPU figures: NVML failed", e);
    }
    synchronized (lock) {
      if (closed) {
        nvml.close();
      } else {
        gpu = nvml;
      }
    }
    return oshi;
  }

  private void deliverSafely() {
    try {
      deliver(takeSample());
    } catch (Throwable e) {
      AgentLog.errorOnce("resources.sample", "resource sample lost; sampling goes on", e);
    }
  }

  private void deliver(ResourceSample sample) {
    sink.accept(sample);
  }

  /** Holds lock. Never throws for a failing source: that figure is null or the fallback answers. */
  private ResourceSample takeSample() {
    if (primed != null) {
      active = primed;
      primed = null;
    }
    long ts = System.currentTimeMillis();
    long wallNanos = System.nanoTime();
    if (!baselineTaken) {
      baselineTaken = true;
      takeBaseline(wallNanos);
    }
    ProbeReading reading = read();

    Double processCpu =
        Rates.cpuPct(
            previousCpuNanos, reading.processCpuNanos, wallNanos - previousWallNanos, processors);
    previousCpuNanos = reading.processCpuNanos;
    previousWallNanos = wallNanos;
    Long readBytes = Rates.delta(previousReadBytes, reading.processReadBytes);
    Long writeBytes = Rates.delta(previousWriteBytes, reading.processWriteBytes);
    previousReadBytes = reading.processReadBytes;
    previousWriteBytes = reading.processWriteBytes;
    GpuReading gpuReading = gpu.read();

    return new ResourceSample(
        ts,
        processCpu,
        reading.systemCpuPct,
        reading.processRssBytes,
        heapUsedBytes(),
        reading.systemMemUsedBytes,
        readBytes,
        writeBytes,
        gpuReading.utilPct,
        gpuReading.memUsedBytes,
        runningExecutions());
  }

  /** The first sample's CPU interval starts when the JVM did, with no CPU time used yet. */
  private void takeBaseline(long wallNanos) {
    try {
      long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
      previousWallNanos = wallNanos - TimeUnit.MILLISECONDS.toNanos(uptimeMillis);
      previousCpuNanos = 0L;
    } catch (RuntimeException | LinkageError e) {
      previousCpuNanos = null;
    }
  }

  private ProbeReading read() {
    if (fallback == null) {
      fallback = startupProbeFactory.get();
    }
    if (active != null) {
      try {
        return active.read();
      } catch (Throwable e) {
        reportOshiFailure(e);
        active = null;
      }
    }
    return fallback.read();
  }

  private static void reportOshiFailure(Throwable e) {
    AgentLog.errorOnce(
        OSHI_INCIDENT, "OSHI unavailable, resource figures now come from the JVM and /proc", e);
  }

  private static Long heapUsedBytes() {
    Runtime runtime = Runtime.getRuntime();
    long used = runtime.totalMemory() - runtime.freeMemory();
    return used >= 0 ? used : null;
  }

  private Integer runningExecutions() {
    try {
      return runningExecutions.getAsInt();
    } catch (Throwable e) {
      AgentLog.errorOnce("resources.running", "running executions unknown in resource samples", e);
      return null;
    }
  }
}
