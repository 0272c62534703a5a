package io.rpainsights.agent.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scrape of a Prometheus text exposition (format 0.0.4), parsed into samples: just enough to add
 * figures up the way a PromQL {@code sum} would. Written independently of the client library, so
 * the tests check what a scraper sees.
 */
final class Exposition {

  final String text;
  final List<Sample> samples = new ArrayList<>();

  /** One line: name, labels, value. */
  static final class Sample {
    final String name;
    final Map<String, String> labels;
    final double value;

    Sample(String name, Map<String, String> labels, double value) {
      this.name = name;
      this.labels = labels;
      this.value = value;
    }
  }

  Exposition(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        samples.add(parse(line));
      }
    }
  }

  static Exposition scrape(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + url + " answered " + response.statusCode());
    }
    return new Exposition(response.body());
  }

  /** Sum over the samples named {@code name} whose labels include every given pair. */
  double sum(String name, String... pairs) {
    double sum = 0;
    for (Sample sample : samples) {
      if (sample.name.equals(name) && matches(sample, pairs)) {
        sum += sample.value;
      }
    }
    return sum;
  }

  /** The distinct values of {@code label} on samples named {@code name}. */
  Set<String> labelValues(String name, String label) {
    Set<String> values = new TreeSet<>();
    for (Sample sample : samples) {
      if (sample.name.equals(name) && sample.labels.containsKey(label)) {
        values.add(sample.labels.get(label));
      }
    }
    return values;
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (Sample sample : samples) {
      names.add(sample.name);
    }
    return names;
  }

  private static boolean matches(Sample sample, String[] pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (!pairs[i + 1].equals(sample.labels.get(pairs[i]))) {
        return false;
      }
    }
    return true;
  }

  private static Sample parse(String line) {
    int brace = line.indexOf('{');
    int space;
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    if (brace >= 0 && brace < line.indexOf(' ')) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int equals = line.indexOf('=', i);
        String label = line.substring(i, equals);
        StringBuilder value = new StringBuilder();
        int j = equals + 2; // past ="
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
          j++;
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      space = i + 1;
    } else {
      space = line.indexOf(' ');
      name = line.substring(0, space);
    }
    String[] rest = line.substring(space).trim().split("\\s+");
    return new Sample(name, labels, parseValue(rest[0]));
  }

  private static double parseValue(String text) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        return Double.parseDouble(text);
    }
  }
}
