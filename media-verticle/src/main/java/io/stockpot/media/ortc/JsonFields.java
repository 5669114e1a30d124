package io.stockpot.media.ortc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of untrusted JSON, for the ORTC validators and the room's request handlers alike:
 * every missing or ill-typed field becomes an {@link OrtcException} of reason {@code INVALID}
 * naming the field ({@code "missing kind"}, {@code "invalid codec.mimeType [VP8]"}, {@code
 * "rtpParameters.codecs is not an array"}), never a ClassCastException. The room answers it as a
 * 400 error prefixed with the request's method.
 *
 * <p>{@code key} is the field read; {@code name} is how errors call it (a dotted path for nested
 * fields). The two-argument forms name the field by its key.
 */
public final class JsonFields {
  private JsonFields() {}

  static JsonObject object(Object value, String name) {
    if (value instanceof JsonObject o) {
      return o;
    }
    if (value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) m;
      return new JsonObject(map);
    }
    throw OrtcException.invalid(name + " is not an object");
  }

  /** The object at {@code key}; absent or not an object is an error. */
  public static JsonObject requiredObject(JsonObject in, String key) {
    Object value = in.getValue(key);
    if (value == null) {
      throw OrtcException.invalid("missing " + key);
    }
    return object(value, key);
  }

  /** The array at {@code key}; absent or not an array is an error. */
  public static JsonArray requiredArray(JsonObject in, String key, String name) {
    Object value = in.getValue(key);
    if (value == null) {
      throw OrtcException.invalid("missing " + name);
    }
    return array(value, name);
  }

  /** The object at {@code key}, an empty one when absent; a non-object is an error. */
  public static JsonObject optionalObject(JsonObject in, String key) {
    return optionalObject(in, key, key);
  }

  /** The object at {@code key}, an empty one when absent; a non-object is an error. */
  static JsonObject optionalObject(JsonObject in, String key, String name) {
    Object value = in.getValue(key);
    return value == null ? new JsonObject() : object(value, name);
  }

  /** The array at {@code key}, an empty one when absent; a non-array is an error. */
  static JsonArray optionalArray(JsonObject in, String key, String name) {
    Object value = in.getValue(key);
    if (value == null) {
      return new JsonArray();
    }
    return array(value, name);
  }

  static JsonArray array(Object value, String name) {
    if (value instanceof JsonArray a) {
      return a;
    }
    if (value instanceof List<?> l) {
      return new JsonArray(new ArrayList<>(l));
    }
    throw OrtcException.invalid(name + " is not an array");
  }

  /** A non-empty string; absent or anything else is an error. */
  public static String requiredString(JsonObject in, String key) {
    return requiredString(in, key, key);
  }

  /** A non-empty string; absent or anything else is an error. */
  static String requiredString(JsonObject in, String key, String name) {
    Object value = in.getValue(key);
    if (value == null) {
      throw OrtcException.invalid("missing " + name);
    }
    if (!(value instanceof String s) || s.isEmpty()) {
      throw OrtcException.invalid("invalid " + name);
    }
    return s;
  }

  /** A string, or null when absent; anything else is an error. */
  public static String optionalString(JsonObject in, String key) {
    return optionalString(in, key, key);
  }

  /** A string, or null when absent; anything else is an error. */
  static String optionalString(JsonObject in, String key, String name) {
    Object value = in.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw OrtcException.invalid("invalid " + name);
    }
    return s;
  }

  static boolean optionalBoolean(JsonObject in, String key, String name, boolean absent) {
    Object value = in.getValue(key);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Boolean b)) {
      throw OrtcException.invalid("invalid " + name);
    }
    return b;
  }

  /** A whole number in [min, max]; JSON may deliver it as Integer, Long or a whole Double. */
  public static long requiredLong(JsonObject in, String key, String name, long min, long max) {
    Object value = in.getValue(key);
    if (value == null) {
      throw OrtcException.invalid("missing " + name);
    }
    return whole(value, name, min, max);
  }

  /** Like {@link #requiredLong} but null when absent. */
  public static Long optionalLong(JsonObject in, String key, String name, long min, long max) {
    Object value = in.getValue(key);
    return value == null ? null : whole(value, name, min, max);
  }

  private static long whole(Object value, String name, long min, long max) {
    if (!(value instanceof Number n)) {
      throw OrtcException.invalid("invalid " + name);
    }
    double d = n.doubleValue();
    if (d != Math.rint(d) || d < min || d > max) {
      throw OrtcException.invalid("invalid " + name + " [" + value + "]");
    }
    return n.longValue();
  }

  /**
   * Codec parameters: a flat object of string or number values. Returns a copy; a null value
   * becomes the empty string (a bare fmtp flag), and {@code apt} must be a payload type number.
   */
  static JsonObject codecParameters(JsonObject in, String key, String name) {
    JsonObject params = optionalObject(in, key, name);
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : params) {
      Object value = e.getValue();
      if (value == null) {
        value = "";
      }
      if (!(value instanceof String) && !(value instanceof Number)) {
        throw OrtcException.invalid("invalid " + name + " [key:" + e.getKey() + "]");
      }
      if ("apt".equals(e.getKey())) {
        value = (int) whole(value, name + ".apt", 0, 127);
      }
      out.put(e.getKey(), value);
    }
    return out;
  }

  /** A numeric parameter that peers may write as a number or a digit string. */
  static int intParameter(JsonObject params, String key, int absent) {
    Object value = params.getValue(key);
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        return Integer.MIN_VALUE;
      }
    }
    return absent;
  }

  static void copyIfPresent(JsonObject from, JsonObject to, String key) {
    Object value = from.getValue(key);
    if (value != null) {
      to.put(key, value);
    }
  }

  /** The objects of an already-checked array; null reads as empty. */
  static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> out = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        out.add(array.getJsonObject(i));
      }
    }
    return out;
  }
}
