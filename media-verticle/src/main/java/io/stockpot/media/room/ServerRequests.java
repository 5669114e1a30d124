package io.stockpot.media.room;

import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.RequestException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Protoo requests the room sends to peers (mediasoup-demo's {@code newConsumer}), matched with the
 * responses signaling relays back. Each request times out if the browser never answers.
 */
final class ServerRequests {
  static final long TIMEOUT_MS = 10_000;

  private record Pending(String peerId, Consumer<JsonObject> onOk, Consumer<String> onError) {}

  private final PeerChannel channel;
  private final RoomServices services;
  private final Map<Long, Pending> pending = new HashMap<>();
  private long nextId = 1;

  ServerRequests(PeerChannel channel, RoomServices services) {
    this.channel = channel;
    this.services = services;
  }

  /** Sends {@code method} to the peer; exactly one of the callbacks runs, on the room's loop. */
  void send(
      Peer peer,
      String method,
      JsonObject data,
      Consumer<JsonObject> onOk,
      Consumer<String> onError) {
    long id = nextId++;
    pending.put(id, new Pending(peer.id(), onOk, onError));
    channel.push(
        peer,
        new JsonObject()
            .put("request", true)
            .put("id", id)
            .put("method", method)
            .put("data", data));
    services.setTimer(
        TIMEOUT_MS,
        () -> {
          Pending p = pending.remove(id);
          if (p != null) {
            p.onError().accept(method + " not answered in " + TIMEOUT_MS + " ms");
          }
        });
  }

  /** A peer's protoo response; only the peer a request went to can answer it. */
  void onResponse(Peer peer, JsonObject response) {
    if (!(response.getValue("id") instanceof Number n)) {
      throw new RequestException(ErrorCodes.BAD_REQUEST, "response without a numeric id");
    }
    Pending p = pending.get(n.longValue());
    if (p == null || !p.peerId().equals(peer.id())) {
      throw new RequestException(ErrorCodes.NOT_FOUND, "no request " + n + " awaits this answer");
    }
    pending.remove(n.longValue());
    if (Boolean.TRUE.equals(response.getValue("ok"))) {
      Object data = response.getValue("data");
      p.onOk().accept(data instanceof JsonObject o ? o : new JsonObject());
    } else {
      p.onError().accept(response.getValue("errorCode") + " " + response.getValue("errorReason"));
    }
  }

  /** Fails every request still waiting for this peer (it left). */
  void peerGone(Peer peer) {
    pending
        .values()
        .removeIf(
            p -> {
              if (p.peerId().equals(peer.id())) {
                p.onError().accept("peer left");
                return true;
              }
              return false;
            });
  }
}
