package io.stockpot.signaling;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Parses a URL query string ({@code ?a=1&b=2}); the first value of a repeated name wins. */
public final class Query {
  private Query() {}

  public static Map<String, String> parse(String query) {
    Map<String, String> params = new HashMap<>();
    String q = query.startsWith("?") ? query.substring(1) : query;
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.putIfAbsent(name, value);
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
