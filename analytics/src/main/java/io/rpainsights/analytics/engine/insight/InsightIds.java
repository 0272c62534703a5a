package io.rpainsights.analytics.engine.insight;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable insight ids: the same workflow, node, category and subject give the same id. */
public final class InsightIds {
  private InsightIds() {}

  public static String of(
      String workflowId, String nodeId, InsightCategory category, String subject) {
    String key =
        workflowId
            + '\n'
            + (nodeId == null ? "" : nodeId)
            + '\n'
            + category.id()
            + (subject == null ? "" : "\n" + subject);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
