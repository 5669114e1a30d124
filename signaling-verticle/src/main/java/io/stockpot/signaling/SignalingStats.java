package io.stockpot.signaling;

import io.vertx.core.json.JsonObject;

/** Counters of one signaling verticle; touched only on its event loop. */
final class SignalingStats {
  long connections;
  long rejectedConnections;
  long messagesIn;
  long messagesOut;
  long errorsOut;
  long ignoredMessages;
  long throttled;
  long roomPlacements;
  long roomsMoved;
  long refusedTokens;
  long refusedConnectionsPerIp;
  long refusedJoinRate;
  long idleClosed;
  long forbiddenRequests;

  JsonObject toJson(int openSessions) {
    return new JsonObject()
        .put("openSessions", openSessions)
        .put("connections", connections)
        .put("rejectedConnections", rejectedConnections)
        .put("messagesIn", messagesIn)
        .put("messagesOut", messagesOut)
        .put("errorsOut", errorsOut)
        .put("ignoredMessages", ignoredMessages)
        .put("throttled", throttled)
        .put("roomPlacements", roomPlacements)
        .put("roomsMoved", roomsMoved)
        .put("refusedTokens", refusedTokens)
        .put("refusedConnectionsPerIp", refusedConnectionsPerIp)
        .put("refusedJoinRate", refusedJoinRate)
        .put("idleClosed", idleClosed)
        .put("forbiddenRequests", forbiddenRequests);
  }
}
