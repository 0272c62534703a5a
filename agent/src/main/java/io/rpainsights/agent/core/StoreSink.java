package io.rpainsights.agent.core;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.collect.EventQueue;
import io.rpainsights.agent.collect.EventSink;
import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.log.AgentLog;
import io.rpainsights.agent.store.SqliteStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The store as the flusher sees it: every batch goes to SQLite, and along the way the agent's own
 * health is recorded (an {@code agent_health} row at most every minute and a last one at shutdown),
 * old rows are pruned once a day when {@code retention.days} is set, and the first dropped events
 * are reported on stderr.
 *
 * <p>Confined to the flusher thread (the store itself is synchronized besides).
 */
final class StoreSink implements EventSink {

  private static final long HEALTH_INTERVAL_MS = TimeUnit.MINUTES.toMillis(1);
  private static final long RETENTION_INTERVAL_MS = TimeUnit.DAYS.toMillis(1);

  private final SqliteStore store;
  private final AgentHealth health;
  private final EventQueue queue;
  private final long agentStartedAt;
  private final int retentionDays;
  private final int queueCapacity;

  private long lastHealthAt;
  private long lastPruneAt;
  private long droppedReported;

  StoreSink(
      SqliteStore store,
      AgentHealth health,
      EventQueue queue,
      long agentStartedAt,
      int retentionDays) {
    this.store = store;
    this.health = health;
    this.queue = queue;
    this.agentStartedAt = agentStartedAt;
    this.retentionDays = retentionDays;
    this.queueCapacity = queue.capacity();
  }

  @Override
  public void accept(List<Event> batch) throws Exception {
    store.accept(batch);
    long now = System.currentTimeMillis();
    reportDrops();
    if (now - lastHealthAt >= HEALTH_INTERVAL_MS) {
      lastHealthAt = now;
      writeHealth();
    }
    if (retentionDays > 0 && now - lastPruneAt >= RETENTION_INTERVAL_MS) {
      lastPruneAt = now;
      prune(now);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      store.writeHealth(agentStartedAt, queue.size());
    } finally {
      store.close();
    }
  }

  /**
   * The batch is committed by now: a failure here (another writer holding the lock past the busy
   * timeout, a store without the table) must not reach the flusher, which would write the batch a
   * second time. The next interval tries again.
   */
  private void writeHealth() {
    try {
      store.writeHealth(agentStartedAt, queue.size());
    } catch (Exception e) {
      health.writeError();
      AgentLog.errorOnce("health row", "could not write the agent's health row; retried later", e);
    }
  }

  private void prune(long now) {
    long cutoff = now - TimeUnit.DAYS.toMillis(retentionDays);
    try {
      int removed = store.pruneOlderThan(cutoff);
      if (removed > 0) {
        AgentLog.info(
            "retention: removed " + removed + " row(s) older than " + retentionDays + " day(s)");
      }
    } catch (Exception e) {
      health.writeError();
      AgentLog.errorOnce("retention", "retention pruning failed; it is retried tomorrow", e);
    }
  }

  /** DESIGN: dropped events are counted in the store and logged; once here, a total at shutdown. */
  private void reportDrops() {
    long dropped = health.dropped();
    if (dropped > 0 && droppedReported == 0) {
      AgentLog.warn(
          "the event queue is full (collector.queueCapacity = "
              + queueCapacity
              + "): events are being dropped and counted; the application is not slowed down");
      droppedReported = dropped;
    }
  }
}
