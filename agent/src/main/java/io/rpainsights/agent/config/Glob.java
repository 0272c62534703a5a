package io.rpainsights.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled name pattern: literal text, {@code *} (any characters except '.') and {@code **} (any
 * characters). Matching is a dynamic programme over the positions of the name, so its cost is
 * bounded by pattern parts × name length whatever the pattern (no backtracking blow-up), and the
 * common shapes are decided by a prefix or suffix comparison before that.
 *
 * <p>Immutable and thread-safe.
 */
final class Glob {

  private static final int LITERAL = 0;
  private static final int STAR = 1;
  private static final int DOUBLE_STAR = 2;

  private final int[] kinds;
  private final String[] literals;
  private final String prefix;
  private final String suffix;
  private final int minLength;

  private Glob(int[] kinds, String[] literals) {
    this.kinds = kinds;
    this.literals = literals;
    this.prefix = kinds.length > 0 && kinds[0] == LITERAL ? literals[0] : "";
    this.suffix =
        kinds.length > 1 && kinds[kinds.length - 1] == LITERAL ? literals[kinds.length - 1] : "";
    int length = 0;
    for (String literal : literals) {
      length += literal == null ? 0 : literal.length();
    }
    this.minLength = length;
  }

  /**
   * Compiles {@code pattern}; with {@code segmentStars} false every run of '*' matches any
   * characters (method names contain no dots, so the distinction is moot there).
   */
  static Glob compile(String pattern, boolean segmentStars) {
    List<Integer> kinds = new ArrayList<>();
    List<String> literals = new ArrayList<>();
    int i = 0;
    while (i < pattern.length()) {
      if (pattern.charAt(i) == '*') {
        int run = 0;
        while (i < pattern.length() && pattern.charAt(i) == '*') {
          run++;
          i++;
        }
        kinds.add(segmentStars && run == 1 ? STAR : DOUBLE_STAR);
        literals.add(null);
      } else {
        int end = pattern.indexOf('*', i);
        if (end < 0) {
          end = pattern.length();
        }
        kinds.add(LITERAL);
        literals.add(pattern.substring(i, end));
        i = end;
      }
    }
    int[] kindArray = new int[kinds.size()];
    for (int k = 0; k < kindArray.length; k++) {
      kindArray[k] = kinds.get(k);
    }
    return new Glob(kindArray, literals.toArray(new String[0]));
  }

  boolean matches(String name) {
    if (name.length() < minLength || !name.startsWith(prefix) || !name.endsWith(suffix)) {
      return false;
    }
    if (kinds.length == 1 && kinds[0] == LITERAL) {
      return name.length() == prefix.length();
    }
    int n = name.length();
    // reachable[j]: the parts so far can consume exactly name[0, j).
    boolean[] reachable = new boolean[n + 1];
    reachable[0] = true;
    for (int part = 0; part < kinds.length; part++) {
      boolean[] next = new boolean[n + 1];
      boolean any = false;
      if (kinds[part] == LITERAL) {
        String literal = literals[part];
        for (int j = 0; j + literal.length() <= n; j++) {
          if (reachable[j] && name.startsWith(literal, j)) {
            next[j + literal.length()] = true;
            any = true;
          }
        }
      } else {
        boolean crossesDots = kinds[part] == DOUBLE_STAR;
        boolean open = false;
        for (int j = 0; j <= n; j++) {
          if (reachable[j]) {
            open = true;
          }
          next[j] = open;
          any |= open;
          if (open && !crossesDots && j < n && name.charAt(j) == '.') {
            open = false;
          }
        }
      }
      if (!any) {
        return false;
      }
      reachable = next;
    }
    return reachable[n];
  }
}
