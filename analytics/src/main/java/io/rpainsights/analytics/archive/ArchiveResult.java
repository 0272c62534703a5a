package io.rpainsights.analytics.archive;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What one archive (or prune) run did.
 *
 * @param archive the archive file, or null for a prune
 * @param cutoff rows older than this were moved
 * @param copied rows newly copied into the archive, per table (rows already there from an
 *     interrupted run are not counted again)
 * @param removed rows deleted from the store, per table
 */
public record ArchiveResult(
    Path archive, Instant cutoff, Map<String, Long> copied, Map<String, Long> removed) {

  public long totalRemoved() {
    return removed.values().stream().mapToLong(Long::longValue).sum();
  }
}
