package io.stockpot.media.room;

import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.RequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Typed access to a request's {@code data}; a missing or ill-typed field is a 400 error. */
public final class Params {
  private final String method;
  private final JsonObject data;

  public Params(String method, JsonObject data) {
    this.method = method;
    this.data = data == null ? new JsonObject() : data;
  }

  public JsonObject raw() {
    return data;
  }

  public String string(String name) {
    String value = optionalString(name);
    if (value == null || value.isEmpty()) {
      throw missing(name, "a string");
    }
    return value;
  }

  public String optionalString(String name) {
    Object value = data.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw missing(name, "a string");
    }
    return s;
  }

  public JsonObject object(String name) {
    JsonObject value = optionalObject(name);
    if (value == null) {
      throw missing(name, "an object");
    }
    return value;
  }

  public JsonObject optionalObject(String name) {
    Object value = data.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject o)) {
      throw missing(name, "an object");
    }
    return o;
  }

  public JsonArray array(JsonObject in, String name) {
    Object value = in.getValue(name);
    if (!(value instanceof JsonArray a)) {
      throw missing(name, "an array");
    }
    return a;
  }

  private RequestException missing(String name, String type) {
    return new RequestException(
        ErrorCodes.BAD_REQUEST, method + ": '" + name + "' must be " + type);
  }
}
