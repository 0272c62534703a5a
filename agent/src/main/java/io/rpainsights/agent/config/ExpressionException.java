package io.rpainsights.agent.config;

/**
 * An expression that does not follow the grammar of {@link Expression}; the message names the
 * column (1-based) where parsing stopped, e.g. {@code expected a member name after '.' at column 6
 * of 'arg0..x'}.
 */
public final class ExpressionException extends IllegalArgumentException {

  private final String reason;
  private final String expressionText;
  private final int column;

  ExpressionException(String reason, String expressionText, int column) {
    super(reason + " at column " + column + " of " + Texts.quote(expressionText));
    this.reason = reason;
    this.expressionText = expressionText;
    this.column = column;
  }

  /** What was wrong, without the position. */
  public String reason() {
    return reason;
  }

  /** The text that failed to parse. */
  public String expressionText() {
    return expressionText;
  }

  /** The 1-based column where parsing stopped. */
  public int column() {
    return column;
  }
}
