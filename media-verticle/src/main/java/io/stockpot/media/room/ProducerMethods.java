package io.stockpot.media.room;

import io.stockpot.media.ortc.OrtcException;
import io.stockpot.media.ortc.ProducerRtpMapping;
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
  Object handle(Peer peer, String method, Params params) {
    return switch (method) {
      case Methods.PRODUCE -> produce(Room.joined(peer, method), params);
      case Methods.CLOSE_PRODUCER -> {
        close(peer, producer(peer, params));
        yield new JsonObject();
      }
      case Methods.PAUSE_PRODUCER -> {
        Producer p = producer(peer, params);
        if (!p.paused()) {
          p.paused(true);
          consumers.producerPaused(p, true, peers);
        }
        yield new JsonObject();
      }
      case Methods.RESUME_PRODUCER -> {
        Producer p = producer(peer, params);
        if (p.paused()) {
          p.paused(false);
          consumers.producerPaused(p, false, peers);
        }
        yield new JsonObject();
      }
      case Methods.GET_PRODUCER_STATS -> producer(peer, params).stats(services.nowMs());
      default -> null;
    };
  }

  private JsonObject produce(Peer peer, Params params) {
    WebRtcTransport transport = TransportMethods.transport(peer, params);
    String kind = params.string("kind");
    if (!kind.equals("audio") && !kind.equals("video")) {
      throw new RequestException(ErrorCodes.BAD_REQUEST, "produce: kind must be audio or video");
    }
    if (peer.producers().size() >= MAX_PRODUCERS_PER_PEER) {
      throw new RequestException(
          ErrorCodes.FORBIDDEN, "at most " + MAX_PRODUCERS_PER_PEER + " producers per peer");
    }
    JsonObject rtpParameters;
    JsonObject consumable;
    JsonObject mapping;
    try {
      rtpParameters =
          RtpParametersValidator.validateRtpParameters(params.raw().getValue("rtpParameters"));
      mapping =
          ProducerRtpMapping.getProducerRtpParametersMapping(rtpParameters, routerRtpCapabilities);
      consumable =
          ProducerRtpMapping.getConsumableRtpParameters(
              kind, rtpParameters, routerRtpCapabilities, mapping);
    } catch (OrtcException e) {
      throw new RequestException(ErrorCodes.BAD_REQUEST, "produce: " + e.getMessage());
    }
    JsonObject appData = params.optionalObject("appData");
    Producer producer =
        new Producer(
            UUID.randomUUID().toString(),
            peer.id(),
            kind,
            transport,
            rtpParameters,
            consumable,
            mapping,
            appData == null ? new JsonObject() : appData,
            Boolean.TRUE.equals(params.raw().getValue("paused")));
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

  private static Producer producer(Peer peer, Params params) {
    String id = params.string("producerId");
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
