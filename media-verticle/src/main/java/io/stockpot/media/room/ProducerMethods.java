package io.stockpot.media.room;

import io.stockpot.media.ortc.JsonFields;
import io.stockpot.media.ortc.ProducerRtpMapping;
import io.stockpot.media.ortc.RtpParametersJson;
import io.stockpot.media.ortc.RtpParametersValidator;
import io.stockpot.media.router.Producer;
import io.stockpot.media.router.Router;
import io.stockpot.media.webrtc.WebRtcTransport;
import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.Methods;
import io.stockpot.registry.RequestException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

/** The Producer methods of a room: produce, close, pause, resume, stats. */
final class ProducerMethods {
  private static final Logger LOG = Logger.getLogger(ProducerMethods.class.getName());
  static final int MAX_PRODUCERS_PER_PEER = 8;

  private final Router router;
  private final JsonObject routerRtpCapabilities;
  private final RoomServices services;
  private final ConsumerMethods consumers;
  private final Function<String, Peer> peers;
  private final java.util.function.Supplier<java.util.Collection<Peer>> peersInRoom;

  ProducerMethods(
      Router router,
      JsonObject routerRtpCapabilities,
      RoomServices services,
      ConsumerMethods consumers,
      Function<String, Peer> peers,
      java.util.function.Supplier<java.util.Collection<Peer>> peersInRoom) {
    this.peersInRoom = peersInRoom;
    this.router = router;
    this.routerRtpCapabilities = routerRtpCapabilities;
    this.services = services;
    this.consumers = consumers;
    this.peers = peers;
  }

  /** Handles a producer method, or returns null if {@code method} is not one. */
  Object handle(Peer peer, String method, JsonObject data) {
    return switch (method) {
      case Methods.PRODUCE -> produce(Room.joined(peer, method), data);
      case Methods.CLOSE_PRODUCER -> {
        close(peer, producer(peer, data));
        yield new JsonObject();
      }
      case Methods.PAUSE_PRODUCER -> {
        Producer p = producer(peer, data);
        if (!p.paused()) {
          p.paused(true);
          consumers.producerPaused(p, true, peers);
        }
        yield new JsonObject();
      }
      case Methods.RESUME_PRODUCER -> {
        Producer p = producer(peer, data);
        if (p.paused()) {
          p.paused(false);
          consumers.producerPaused(p, false, peers);
        }
        yield new JsonObject();
      }
      case Methods.GET_PRODUCER_STATS ->
          RtpStatsJson.producerStats(producer(peer, data), services.nowMs());
      default -> null;
    };
  }

  private JsonObject produce(Peer peer, JsonObject data) {
    WebRtcTransport transport = TransportMethods.transport(peer, data);
    String kind = JsonFields.requiredString(data, "kind");
    if (!kind.equals("audio") && !kind.equals("video")) {
      throw new RequestException(ErrorCodes.BAD_REQUEST, "produce: kind must be audio or video");
    }
    if (peer.producers().size() >= MAX_PRODUCERS_PER_PEER) {
      throw new RequestException(
          ErrorCodes.FORBIDDEN, "at most " + MAX_PRODUCERS_PER_PEER + " producers per peer");
    }
    // Invalid or unsupported parameters throw OrtcException: Room answers it as a 400.
    JsonObject rtpParameters =
        RtpParametersValidator.validateRtpParameters(data.getValue("rtpParameters"));
    JsonObject rtcp = rtpParameters.getJsonObject("rtcp");
    rtcp.put("cname", transport.cnameForProducers(rtcp.getString("cname")));
    JsonObject mapping =
        ProducerRtpMapping.getProducerRtpParametersMapping(rtpParameters, routerRtpCapabilities);
    JsonObject consumable =
        ProducerRtpMapping.getConsumableRtpParameters(
            kind, rtpParameters, routerRtpCapabilities, mapping);
    JsonObject appData = JsonFields.optionalObject(data, "appData");
    Producer producer =
        new Producer(
            UUID.randomUUID().toString(),
            peer.id(),
            kind,
            transport,
            RtpParametersJson.fromJson(rtpParameters),
            RtpParametersJson.fromJson(consumable),
            RtpParametersJson.mappingFromJson(mapping),
            appData == null ? new JsonObject().getMap() : appData.getMap(),
            Boolean.TRUE.equals(data.getValue("paused")));
    if (!router.addProducer(producer)) {
      throw new RequestException(
          ErrorCodes.CONFLICT, "produce: an SSRC is already used on this transport");
    }
    peer.producers().put(producer.id(), producer);
    LOG.info(() -> "peer " + peer.id() + " produces " + kind + " (" + producer.id() + ")");
    // Every other joined peer gets a consumer of it.
    for (Peer other : List.copyOf(peersInRoom.get())) {
      consumers.consume(other, producer);
    }
    return new JsonObject().put("id", producer.id());
  }

  private static Producer producer(Peer peer, JsonObject data) {
    String id = JsonFields.requiredString(data, "producerId");
    Producer p = peer.producers().get(id);
    if (p == null) {
      throw new RequestException(ErrorCodes.NOT_FOUND, "producer " + id + " not found");
    }
    return p;
  }

  void close(Peer peer, Producer producer) {
    peer.producers().remove(producer.id());
    consumers.producerClosed(producer, peers);
    router.removeProducer(producer);
  }

  /** Closes the peer's producers on a transport (or all of them, with {@code null}). */
  void closeAll(Peer peer, WebRtcTransport onTransport) {
    for (Producer p : List.copyOf(peer.producers().values())) {
      if (onTransport == null || p.transport() == onTransport) {
        close(peer, p);
      }
    }
  }
}
