package io.rpainsights.agent.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLAnchorReplayingParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.rpainsights.agent.config.ConfigNode.Entry;
import io.rpainsights.agent.config.ConfigNode.ListNode;
import io.rpainsights.agent.config.ConfigNode.MapNode;
import io.rpainsights.agent.config.ConfigNode.ScalarNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a YAML or JSON config into a {@link ConfigNode} tree through Jackson's streaming parser,
 * keeping each key's line. YAML anchors, aliases and {@code <<} merge keys are expanded (Jackson's
 * anchor-replaying parser). Keys are compared ignoring case; a key given twice in one map keeps the
 * later value with a warning, except that keys written in the map win silently over keys merged in
 * from an anchor (YAML's merge rule). Only the first YAML document is read.
 */
final class ConfigTreeReader {

  private static final Pattern PROBLEM_MARK =
      Pattern.compile("in '[^']*', line (\\d{1,9}), column \\d+");

  private final Diagnostics diagnostics;
  private final String format;

  private ConfigTreeReader(Diagnostics diagnostics, String format) {
    this.diagnostics = diagnostics;
    this.format = format;
  }

  /**
   * Parses {@code content}; the root is always a map (an empty file gives an empty one).
   *
   * @throws ConfigFailure on a syntax error (with its line) or a root that is not a map
   */
  static MapNode read(String content, boolean json, Diagnostics diagnostics) {
    ConfigTreeReader reader = new ConfigTreeReader(diagnostics, json ? "JSON" : "YAML");
    JsonFactory factory = json ? new JsonFactory() : new AnchorReplayingYamlFactory();
    // Through a Reader: that is the path on which the YAML factory builds our parser.
    try (JsonParser parser = factory.createParser(new StringReader(content))) {
      return reader.readRoot(parser);
    } catch (JsonProcessingException syntax) {
      JsonLocation location = syntax.getLocation();
      int line = problemLine(syntax.getOriginalMessage());
      if (line <= 0) {
        line = location == null ? 0 : location.getLineNr();
      }
      throw diagnostics.fatal(
          line,
          null,
          "cannot parse " + reader.format + ": " + shortReason(syntax.getOriginalMessage()));
    } catch (IOException unreadable) {
      throw diagnostics.fatal(
          0, null, "cannot read " + reader.format + ": " + shortReason(unreadable.getMessage()));
    }
  }

  private MapNode readRoot(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      return new MapNode(1, new ArrayList<>());
    }
    ConfigNode root = readValue(parser, "");
    if (!(root instanceof MapNode)) {
      throw diagnostics.fatal(
          root.line(), null, "expected a map of settings at the top level, got " + root.describe());
    }
    if (parser.nextToken() != null) {
      diagnostics.warn(
          line(parser),
          null,
          "only the first " + format + " document is read; the rest is ignored");
    }
    return (MapNode) root;
  }

  /** Reads the value whose first token is the parser's current token. */
  private ConfigNode readValue(JsonParser parser, String path) throws IOException {
    int line = line(parser);
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return readMap(parser, path, line);
      case START_ARRAY:
        {
          List<ConfigNode> items = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser, path + "[" + items.size() + "]"));
          }
          return new ListNode(line, items);
        }
      case VALUE_STRING:
        return new ScalarNode(line, ScalarNode.Kind.TEXT, parser.getText(), parser.getText());
      case VALUE_NUMBER_INT:
        {
          Number number = parser.getNumberValue();
          Object value =
              number instanceof BigInteger && ((BigInteger) number).bitLength() >= 64
                  ? number
                  : Long.valueOf(number.longValue());
          return new ScalarNode(line, ScalarNode.Kind.INTEGER, parser.getText(), value);
        }
      case VALUE_NUMBER_FLOAT:
        {
          Number number = parser.getNumberValue();
          Object value =
              number instanceof BigDecimal ? number : Double.valueOf(number.doubleValue());
          return new ScalarNode(line, ScalarNode.Kind.DECIMAL, parser.getText(), value);
        }
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new ScalarNode(
            line,
            ScalarNode.Kind.BOOLEAN,
            parser.getText(),
            Boolean.valueOf(token == JsonToken.VALUE_TRUE));
      case VALUE_NULL:
        return new ScalarNode(line, ScalarNode.Kind.NULL, parser.getText(), null);
      default:
        // VALUE_EMBEDDED_OBJECT (a YAML !!binary value): keep its text.
        return new ScalarNode(line, ScalarNode.Kind.TEXT, parser.getText(), parser.getText());
    }
  }

  private MapNode readMap(JsonParser parser, String path, int line) throws IOException {
    Map<String, Slot> slots = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int keyLine = line(parser);
      parser.nextToken();
      String keyPath = path.isEmpty() ? key : path + "." + key;
      ConfigNode value = readValue(parser, keyPath);
      // An entry "above" its own map can only have been replayed from an anchor (anchors precede
      // their aliases), i.e. merged in with '<<'.
      boolean merged = keyLine < line;
      String folded = key.toLowerCase(Locale.ROOT);
      Slot existing = slots.get(folded);
      Slot incoming = new Slot(new Entry(key, keyLine, value), merged);
      if (existing == null) {
        slots.put(folded, incoming);
      } else if (!existing.merged && !merged) {
        diagnostics.warn(
            keyLine,
            keyPath,
            "duplicate key (also on line " + existing.entry.keyLine() + "); this value is used");
        slots.put(folded, incoming);
      } else if (existing.merged && !merged) {
        slots.put(folded, incoming);
      }
      // else: a merged key never overrides one already present.
    }
    List<Entry> entries = new ArrayList<>(slots.size());
    for (Slot slot : slots.values()) {
      entries.add(slot.entry);
    }
    return new MapNode(line, entries);
  }

  private static int line(JsonParser parser) {
    JsonLocation location = parser.currentTokenLocation();
    return location == null ? 0 : location.getLineNr();
  }

  /**
   * The line of SnakeYAML's problem mark (the last "line N, column M" of its message, 1-based),
   * which is where the problem is; Jackson's location can point at the token before it. 0 when the
   * message has none (JSON).
   */
  static int problemLine(String message) {
    if (message == null) {
      return 0;
    }
    Matcher mark = PROBLEM_MARK.matcher(message);
    int line = 0;
    while (mark.find()) {
      line = Integer.parseInt(mark.group(1));
    }
    return line;
  }

  /**
   * SnakeYAML's messages span several lines (context, a code excerpt with a caret, the problem);
   * the last unindented line is the problem itself.
   */
  static String shortReason(String message) {
    if (message == null || message.trim().isEmpty()) {
      return "syntax error";
    }
    String problem = null;
    for (String line : message.split("\\R")) {
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        problem = line.trim();
      }
    }
    if (problem == null) {
      problem = message.trim();
    }
    problem = problem.replaceAll("\\s+", " ");
    if (problem.endsWith(":")) {
      problem = problem.substring(0, problem.length() - 1).trim();
    }
    return problem;
  }

  private static final class Slot {
    final Entry entry;
    final boolean merged;

    Slot(Entry entry, boolean merged) {
      this.entry = entry;
      this.merged = merged;
    }
  }

  /**
   * A YAML factory whose parsers expand anchors and aliases, which the plain parser leaves as
   * names.
   */
  private static final class AnchorReplayingYamlFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
      return new YAMLAnchorReplayingParser(
          context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
    }
  }
}
