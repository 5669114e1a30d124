package io.stockpot.signaling.whip;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** Counters of the WHIP endpoint, on the signaling verticle's loop; in {@code /health}. */
final class WhipStats {
  long requests;
  long sessionsCreated;
  long deleted;
  long patches;
  long iceRestarts;
  long endedByRoom;
  long neverConnected;
  long errors;
  final Map<Integer, Long> errorsByStatus = new TreeMap<>();

  void error(int status) {
    errors++;
    errorsByStatus.merge(status, 1L, Long::sum);
  }

  JsonObject toJson(int active) {
    JsonObject byStatus = new JsonObject();
    errorsByStatus.forEach((k, v) -> byStatus.put(String.valueOf(k), v));
    return new JsonObject()
        .put("activeSessions", active)
        .put("requests", requests)
        .put("sessionsCreated", sessionsCreated)
        .put("deleted", deleted)
        .put("patches", patches)
        .put("iceRestarts", iceRestarts)
        .put("endedByRoom", endedByRoom)
        .put("neverConnected", neverConnected)
        .put("errors", errors)
        .put("errorsByStatus", byStatus);
  }
}
