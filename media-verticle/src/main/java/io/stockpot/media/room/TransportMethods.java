package io.stockpot.media.room;

import io.stockpot.media.dtls.DtlsFingerprint;
import io.stockpot.media.ortc.JsonFields;
import io.stockpot.media.webrtc.TransportException;
import io.stockpot.media.webrtc.WebRtcTransport;
import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.Methods;
import io.stockpot.registry.RequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The WebRtcTransport methods of a room: create, connect, restart ICE, stats. */
final class TransportMethods {
  /** Enough for a send and a receive transport, plus restarts of a flaky connection. */
  static final int MAX_TRANSPORTS_PER_PEER = 4;

  private final RoomServices services;
  private final WebRtcTransport.Listener router;
  private final ProducerMethods producers;
  private final ConsumerMethods consumers;

  TransportMethods(
      RoomServices services,
      WebRtcTransport.Listener router,
      ProducerMethods producers,
      ConsumerMethods consumers) {
    this.services = services;
    this.router = router;
    this.producers = producers;
    this.consumers = consumers;
  }

  /** Handles a transport method, or returns null if {@code method} is not one. */
  Object handle(Peer peer, String method, JsonObject data) {
    return switch (method) {
      case Methods.CREATE_WEBRTC_TRANSPORT -> create(peer, data);
      case Methods.CONNECT_WEBRTC_TRANSPORT -> {
        connect(transport(peer, data), JsonFields.requiredObject(data, "dtlsParameters"));
        yield new JsonObject();
      }
      case Methods.RESTART_ICE -> {
        WebRtcTransport t = transport(peer, data);
        t.restartIce();
        services.transportRestarted(t);
        yield new JsonObject().put("iceParameters", TransportJson.iceParameters(t));
      }
      case Methods.GET_TRANSPORT_STATS ->
          new JsonArray().add(TransportJson.stats(transport(peer, data), services.nowMs()));
      default -> null;
    };
  }

  private JsonObject create(Peer peer, JsonObject data) {
    Object forceTcp = data.getValue("forceTcp");
    if (Boolean.TRUE.equals(forceTcp)) {
      throw new RequestException(ErrorCodes.BAD_REQUEST, "TCP transports are not supported");
    }
    Object sctp = data.getValue("sctpCapabilities");
    if (sctp != null && !Boolean.FALSE.equals(sctp)) {
      // Data channels are not offered: tell the client instead of ignoring what it asked for.
      throw new RequestException(ErrorCodes.BAD_REQUEST, "data channels (SCTP) are not supported");
    }
    if (peer.transports().size() >= MAX_TRANSPORTS_PER_PEER) {
      throw new RequestException(
          ErrorCodes.FORBIDDEN, "at most " + MAX_TRANSPORTS_PER_PEER + " transports per peer");
    }
    long initialBitrate = initialAvailableOutgoingBitrate(data);
    WebRtcTransport t = services.createTransport(UUID.randomUUID().toString(), router);
    if (initialBitrate > 0) {
      t.initialAvailableOutgoingBitrate(initialBitrate);
    }
    peer.transports().put(t.id(), t);
    if (Boolean.TRUE.equals(data.getValue("consuming"))) {
      peer.consumingTransport(t);
    }
    return TransportJson.parameters(t);
  }

  /**
   * mediasoup's {@code initialAvailableOutgoingBitrate} option (bps, a positive integer), or 0 when
   * absent (the node's default, 1 Mbit/s).
   */
  private static long initialAvailableOutgoingBitrate(JsonObject data) {
    Object value = data.getValue("initialAvailableOutgoingBitrate");
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1) {
      throw new RequestException(
          ErrorCodes.BAD_REQUEST, "initialAvailableOutgoingBitrate must be a positive integer");
    }
    return ((Number) value).longValue();
  }

  /** Reads the client's DTLS parameters, and answers the transport's refusal as an error code. */
  private static void connect(WebRtcTransport t, JsonObject dtlsParameters) {
    Object fps = dtlsParameters.getValue("fingerprints");
    if (!(fps instanceof JsonArray list) || list.isEmpty()) {
      throw new RequestException(
          ErrorCodes.BAD_REQUEST, "dtlsParameters.fingerprints must be a non-empty array");
    }
    List<DtlsFingerprint> parsed = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof JsonObject fp)
          || !(fp.getValue("algorithm") instanceof String algorithm)
          || !(fp.getValue("value") instanceof String value)) {
        throw new RequestException(
            ErrorCodes.BAD_REQUEST, "each fingerprint needs 'algorithm' and 'value' strings");
      }
      parsed.add(new DtlsFingerprint(algorithm, value));
    }
    Object role = dtlsParameters.getValue("role");
    try {
      t.connect(role == null ? null : role.toString(), parsed);
    } catch (TransportException e) {
      throw new RequestException(errorCode(e.reason()), e.getMessage());
    }
  }

  private static int errorCode(TransportException.Reason reason) {
    return switch (reason) {
      case ALREADY_CONNECTED -> ErrorCodes.CONFLICT;
      case BAD_PARAMETERS -> ErrorCodes.BAD_REQUEST;
    };
  }

  static WebRtcTransport transport(Peer peer, JsonObject data) {
    String id = JsonFields.requiredString(data, "transportId");
    WebRtcTransport t = peer.transports().get(id);
    if (t == null) {
      throw new RequestException(ErrorCodes.NOT_FOUND, "transport " + id + " not found");
    }
    return t;
  }

  /** Closes one transport as if by request: its consumers and producers go first. */
  void close(Peer peer, WebRtcTransport t) {
    consumers.closeAll(peer, t);
    producers.closeAll(peer, t);
    peer.transports().remove(t.id());
    services.closeTransport(t);
  }

  void closeAll(Peer peer) {
    consumers.closeAll(peer, null);
    producers.closeAll(peer, null);
    for (WebRtcTransport t : List.copyOf(peer.transports().values())) {
      services.closeTransport(t);
    }
    peer.transports().clear();
  }
}
