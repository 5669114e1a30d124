package io.stockpot.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format, enough to check {@code /metrics}: every
 * line is a comment ({@code # HELP}, {@code # TYPE}), blank, or {@code name{labels} value}.
 */
public final class PrometheusText {
  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)"
              + "(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})?"
              + " ([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))( [0-9]+)?");

  private PrometheusText() {}

  /**
   * Series (name plus labels, as written) → value.
   *
   * @throws IllegalArgumentException naming the first line that is not valid
   */
  public static Map<String, Double> parse(String text) {
    Map<String, Double> series = new LinkedHashMap<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      if (line.startsWith("#")) {
        throw new IllegalArgumentException("line " + n + ": unknown comment: " + line);
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("line " + n + ": not `name{labels} value`: " + line);
      }
      String value = m.group(3);
      double v =
          switch (value) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
          };
      series.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), v);
    }
    return series;
  }
}
