package io.stockpot.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/** Look-ups over a list of {@code a=} lines. */
final class Attributes {
  private Attributes() {}

  static String first(List<SessionDescription.Attribute> list, String name) {
    for (SessionDescription.Attribute a : list) {
      if (a.name().equals(name)) {
        return a.value() == null ? "" : a.value();
      }
    }
    return null;
  }

  static List<String> all(List<SessionDescription.Attribute> list, String name) {
    List<String> out = new ArrayList<>();
    for (SessionDescription.Attribute a : list) {
      if (a.name().equals(name)) {
        out.add(a.value() == null ? "" : a.value());
      }
    }
    return out;
  }
}
