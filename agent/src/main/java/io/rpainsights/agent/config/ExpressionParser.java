package io.rpainsights.agent.config;

import java.util.ArrayList;
import java.util.List;

/** A hand-written recursive-descent parser for {@link Expression}'s grammar; one use per text. */
final class ExpressionParser {

  /** Arguments are numbered 0..254 at most (the JVM's parameter limit, receiver included). */
  private static final int MAX_ARGUMENT_INDEX = MethodPattern.MAX_PARAMETERS - 1;

  private final String text;
  private int pos;

  ExpressionParser(String text) {
    this.text = text;
  }

  Expression parse() {
    if (text == null) {
      throw new ExpressionException("expression is missing", "", 1);
    }
    skipWhitespace();
    if (pos == text.length()) {
      throw fail("expression is empty", pos);
    }
    int root;
    int argumentIndex = -1;
    String literal = null;
    if (peek() == '\'') {
      root = Expression.ROOT_LITERAL;
      literal = literal();
    } else {
      int start = pos;
      String word = identifier();
      if (word == null) {
        throw fail(rootExpected(start), start);
      }
      if (word.equals("this")) {
        root = Expression.ROOT_THIS;
      } else if (word.equals("return")) {
        root = Expression.ROOT_RETURN;
      } else if (word.equals("thrown")) {
        root = Expression.ROOT_THROWN;
      } else if (isArgument(word)) {
        root = Expression.ROOT_ARGUMENT;
        argumentIndex = argumentIndex(word, start);
      } else {
        throw fail(rootExpected(start), start);
      }
    }
    List<AccessStep> steps = new ArrayList<>();
    skipWhitespace();
    while (peek() == '.') {
      pos++;
      skipWhitespace();
      int nameStart = pos;
      String name = identifier();
      if (name == null) {
        throw fail("expected a member name after '.'", nameStart);
      }
      skipWhitespace();
      boolean call = false;
      if (peek() == '(') {
        pos++;
        skipWhitespace();
        if (peek() != ')') {
          throw fail("expected ')': only calls without arguments are allowed", pos);
        }
        pos++;
        call = true;
        skipWhitespace();
      }
      steps.add(new AccessStep(name, call));
    }
    int comparison = Expression.COMPARE_NONE;
    String compared = null;
    if (text.startsWith("==", pos) || text.startsWith("!=", pos)) {
      comparison =
          text.charAt(pos) == '=' ? Expression.COMPARE_EQUAL : Expression.COMPARE_NOT_EQUAL;
      pos += 2;
      skipWhitespace();
      if (peek() != '\'') {
        throw fail("expected a quoted 'text' to compare with", pos);
      }
      compared = literal();
      skipWhitespace();
    }
    if (pos < text.length()) {
      throw fail(
          comparison != Expression.COMPARE_NONE
              ? "unexpected "
                  + Texts.quote(text.substring(pos, pos + 1))
                  + ": nothing can follow the comparison"
              : unexpected(),
          pos);
    }
    return new Expression(
        text, root, argumentIndex, literal, steps.toArray(new AccessStep[0]), comparison, compared);
  }

  private String unexpected() {
    char c = text.charAt(pos);
    if (c == '=' || c == '!') {
      return "expected '==' or '!=' followed by a quoted 'text'";
    }
    if (c == '(') {
      return "unexpected '(': only a member name can be called";
    }
    return "unexpected "
        + Texts.quote(String.valueOf(c))
        + "; after a value only '.name', '.name()' or a comparison (== 'text', != 'text') can follow";
  }

  private String rootExpected(int at) {
    String hint = "";
    if (at < text.length() && text.charAt(at) == '"') {
      hint = " (literals use single quotes)";
    } else if (at < text.length() && Character.isJavaIdentifierStart(text.charAt(at))) {
      hint = " (a literal needs single quotes, e.g. 'text')";
    }
    return "expected this, argN, return, thrown or a quoted 'literal'" + hint;
  }

  private static boolean isArgument(String word) {
    if (word.length() < 4 || !word.startsWith("arg")) {
      return false;
    }
    for (int i = 3; i < word.length(); i++) {
      if (word.charAt(i) < '0' || word.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private int argumentIndex(String word, int start) {
    String digits = word.substring(3);
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw fail("argument numbers have no leading zeros: write arg" + trimZeros(digits), start);
    }
    if (digits.length() > 3 || Integer.parseInt(digits) > MAX_ARGUMENT_INDEX) {
      throw fail("argument number " + digits + " is beyond the JVM's 255 parameters", start);
    }
    return Integer.parseInt(digits);
  }

  private static String trimZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  /** Reads {@code 'TEXT'} at {@code pos} (which holds the opening quote) and returns TEXT. */
  private String literal() {
    int open = pos;
    int close = text.indexOf('\'', open + 1);
    if (close < 0) {
      throw fail("unterminated literal: the quote opened here is never closed", open);
    }
    pos = close + 1;
    return text.substring(open + 1, close);
  }

  /** A Java identifier at {@code pos}, or null (pos unchanged) when none starts there. */
  private String identifier() {
    if (pos >= text.length() || !isIdentifierStart(text.charAt(pos))) {
      return null;
    }
    int start = pos;
    pos++;
    while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isJavaIdentifierStart(c) && !Character.isIdentifierIgnorable(c);
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private ExpressionException fail(String reason, int position) {
    return new ExpressionException(reason, text, position + 1);
  }
}
