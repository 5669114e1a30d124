package io.stockpot.signaling;

import io.vertx.core.json.JsonObject;

/** Builders for protoo's wire messages. */
final class Protoo {
  private Protoo() {}

  static JsonObject ok(Object id, Object data) {
    return new JsonObject()
        .put("response", true)
        .put("id", id)
        .put("ok", true)
        .put("data", data == null ? new JsonObject() : data);
  }

  static JsonObject error(Object id, int code, String reason) {
    return new JsonObject()
        .put("response", true)
        .put("id", id)
        .put("ok", false)
        .put("errorCode", code)
        .put("errorReason", reason);
  }
}
