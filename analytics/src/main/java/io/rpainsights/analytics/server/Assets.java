package io.rpainsights.analytics.server;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's files, read from the jar once at start. Only the names listed here are served: a
 * request path is looked up in this map, never resolved against a directory, so no path (traversal,
 * encoded dots, backslashes) can reach any other file.
 */
final class Assets {
  static final String BASE = "/io/rpainsights/analytics/server/dashboard/";

  /** The page at {@code /}. */
  static final String INDEX = "index.html";

  private static final Map<String, String> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put(INDEX, "text/html; charset=utf-8");
    TYPES.put("dashboard.css", "text/css; charset=utf-8");
    TYPES.put("dashboard.js", "text/javascript; charset=utf-8");
    TYPES.put("api.js", "text/javascript; charset=utf-8");
    TYPES.put("charts.js", "text/javascript; charset=utf-8");
    TYPES.put("format.js", "text/javascript; charset=utf-8");
    TYPES.put("favicon.svg", "image/svg+xml");
  }

  /** One file: its bytes, content type and entity tag (a digest of the bytes). */
  record Asset(String name, String contentType, byte[] bytes, String etag) {}

  private final Map<String, Asset> assets;

  private Assets(Map<String, Asset> assets) {
    this.assets = assets;
  }

  /**
   * Reads every listed file from the class path.
   *
   * @throws IllegalStateException when one is missing (a packaging bug)
   */
  static Assets load() {
    Map<String, Asset> assets = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : TYPES.entrySet()) {
      String name = e.getKey();
      try (InputStream in = Assets.class.getResourceAsStream(BASE + name)) {
        if (in == null) {
          throw new IllegalStateException("dashboard asset missing from the jar: " + BASE + name);
        }
        byte[] bytes = in.readAllBytes();
        assets.put(name, new Asset(name, e.getValue(), bytes, etag(bytes)));
      } catch (IOException ex) {
        throw new IllegalStateException("cannot read dashboard asset " + name, ex);
      }
    }
    return new Assets(Map.copyOf(assets));
  }

  /** The asset of that exact name, or null. */
  Asset get(String name) {
    return assets.get(name);
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
