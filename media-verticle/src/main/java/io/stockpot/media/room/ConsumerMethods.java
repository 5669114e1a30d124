package io.stockpot.media.room;

import io.stockpot.media.ortc.ConsumerRtpParameters;
import io.stockpot.media.ortc.JsonFields;
import io.stockpot.media.ortc.OrtcException;
import io.stockpot.media.ortc.RtpParametersJson;
import io.stockpot.media.router.Consumer;
import io.stockpot.media.router.Producer;
import io.stockpot.media.router.Router;
import io.stockpot.media.router.RtpStreamRecv;
import io.stockpot.media.router.SimulcastConsumer;
import io.stockpot.media.webrtc.WebRtcTransport;
import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.Methods;
import io.stockpot.registry.RequestException;
import io.stockpot.registry.RoomMessages;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Consumers, the mediasoup-demo way: the room creates one (paused) for every producer a joined peer
 * can receive, asks the browser to accept it with a {@code newConsumer} request, and resumes it
 * once accepted. Also the consumer methods browsers call: pause, resume, key frame, preferred
 * layers, stats. A producer with several encodings gets {@link SimulcastConsumer}s (mediasoup's
 * type {@code simulcast}): one encoding in their parameters, whose scalabilityMode {@code L<n>T<t>}
 * counts the producer's encodings as spatial layers.
 */
final class ConsumerMethods {
  private static final Logger LOG = Logger.getLogger(ConsumerMethods.class.getName());

  private final Router router;
  private final PeerChannel channel;
  private final ServerRequests requests;
  private final RoomServices services;

  ConsumerMethods(
      Router router, PeerChannel channel, ServerRequests requests, RoomServices services) {
    this.router = router;
    this.channel = channel;
    this.requests = requests;
    this.services = services;
  }

  /** Handles a consumer method, or returns null if {@code method} is not one. */
  Object handle(Peer peer, String method, JsonObject data) {
    return switch (method) {
      case Methods.PAUSE_CONSUMER -> {
        consumer(peer, data).paused(true);
        yield new JsonObject();
      }
      case Methods.RESUME_CONSUMER -> {
        Consumer c = consumer(peer, data);
        c.paused(false);
        router.requestKeyFrame(c, services.nowMs());
        yield new JsonObject();
      }
      case Methods.REQUEST_CONSUMER_KEY_FRAME -> {
        router.requestKeyFrame(consumer(peer, data), services.nowMs());
        yield new JsonObject();
      }
      case Methods.SET_CONSUMER_PREFERRED_LAYERS -> {
        Consumer c = consumer(peer, data);
        int spatial = (int) JsonFields.requiredLong(data, "spatialLayer", "spatialLayer", 0, 255);
        Long temporal = JsonFields.optionalLong(data, "temporalLayer", "temporalLayer", 0, 255);
        if (c instanceof SimulcastConsumer s) {
          // mediasoup: without a temporal layer, the highest.
          s.preferredLayers(
              spatial,
              temporal == null ? Integer.MAX_VALUE : temporal.intValue(),
              services.nowMs());
        }
        yield new JsonObject();
      }
      case Methods.GET_CONSUMER_STATS ->
          RtpStatsJson.consumerStats(consumer(peer, data), services.nowMs());
      default -> null;
    };
  }

  private static Consumer consumer(Peer peer, JsonObject data) {
    Room.joined(peer, "consumer request");
    String id = JsonFields.requiredString(data, "consumerId");
    Consumer c = peer.consumers().get(id);
    if (c == null) {
      throw new RequestException(ErrorCodes.NOT_FOUND, "consumer " + id + " not found");
    }
    return c;
  }

  /** Gives {@code peer} a consumer of {@code producer}, if it can receive it. */
  void consume(Peer peer, Producer producer) {
    if (!peer.joined() || peer.id().equals(producer.peerId()) || producer.closed()) {
      return;
    }
    if (!peer.access().subscribe()) {
      // Its token does not grant 'subscribe': it receives nothing.
      return;
    }
    WebRtcTransport transport = peer.consumingTransport();
    if (transport == null) {
      LOG.fine(() -> "peer " + peer.id() + " has no consuming transport: no consumer");
      return;
    }
    JsonObject rtpParameters;
    JsonObject consumable = RtpParametersJson.toJson(producer.consumableRtpParameters());
    try {
      if (!ConsumerRtpParameters.canConsume(consumable, peer.rtpCapabilities())) {
        LOG.fine(() -> "peer " + peer.id() + " cannot consume " + producer.id());
        return;
      }
      rtpParameters =
          ConsumerRtpParameters.getConsumerRtpParameters(
              consumable, peer.rtpCapabilities(), false, true);
    } catch (OrtcException e) {
      LOG.info(() -> "peer " + peer.id() + ": no consumer of " + producer.id() + ": " + e);
      return;
    }
    rtpParameters.put("mid", peer.nextMid(transport));
    String consumerId = UUID.randomUUID().toString();
    Consumer consumer =
        producer.encodingCount() > 1
            ? new SimulcastConsumer(
                consumerId,
                peer.id(),
                producer,
                transport,
                RtpParametersJson.fromJson(rtpParameters),
                true)
            : new Consumer(
                consumerId,
                peer.id(),
                producer,
                transport,
                RtpParametersJson.fromJson(rtpParameters),
                true);
    if (consumer instanceof SimulcastConsumer s) {
      s.onLayersChange(c -> notifyLayers(peer, c));
    }
    router.addConsumer(consumer);
    peer.consumers().put(consumer.id(), consumer);
    JsonObject data =
        new JsonObject()
            .put("peerId", producer.peerId())
            .put("producerId", producer.id())
            .put("id", consumer.id())
            .put("kind", producer.kind())
            .put("rtpParameters", rtpParameters)
            .put("type", consumer.type())
            .put("appData", new JsonObject(producer.appData()))
            .put("producerPaused", producer.paused());
    requests.send(
        peer,
        Methods.NEW_CONSUMER,
        data,
        ok -> {
          if (consumer.closed()) {
            return;
          }
          // Accepted: the browser is ready for the stream. Start it with a key frame.
          consumer.paused(false);
          router.requestKeyFrame(consumer, services.nowMs());
          JsonObject score = score(consumer);
          consumer.lastScoreSent(score);
          channel.push(
              peer,
              RoomMessages.notification(
                  Methods.CONSUMER_SCORE,
                  new JsonObject().put("consumerId", consumer.id()).put("score", score)));
        },
        error -> {
          if (consumer.closed()) {
            return;
          }
          LOG.info(() -> "peer " + peer.id() + " refused consumer " + consumer.id() + ": " + error);
          // Not answered in time, the browser may still be setting it up: consumerClosed tells it
          // to drop it when it is ready (a browser that refused it ignores the notification).
          close(peer, consumer, true);
        });
  }

  /**
   * A simulcast consumer's current layers as consumerLayersChanged carries them (mediasoup's
   * layerschange: both null while it receives none), or null for a simple consumer.
   */
  static JsonObject layers(Consumer consumer) {
    if (!(consumer instanceof SimulcastConsumer s)) {
      return null;
    }
    boolean none = s.currentSpatialLayer() < 0 || s.paused();
    return new JsonObject()
        .put("consumerId", s.id())
        .put("spatialLayer", none ? null : s.currentSpatialLayer())
        .put("temporalLayer", none ? null : s.currentTemporalLayer());
  }

  /**
   * consumerLayersChanged when a simulcast consumer's current layers differ from the last ones
   * told: at once when the consumer switches, and on the room's tick (pauses); nothing before it
   * first receives a layer.
   */
  void notifyLayers(Peer peer, Consumer c) {
    if (!(c instanceof SimulcastConsumer s) || !peer.consumers().containsKey(c.id())) {
      return;
    }
    JsonObject layers = layers(c);
    Object last = s.lastLayersSent();
    boolean none = layers.getValue("spatialLayer") == null;
    if (last == null ? none : layers.equals(last)) {
      return;
    }
    s.lastLayersSent(layers);
    channel.push(peer, RoomMessages.notification(Methods.CONSUMER_LAYERS_CHANGED, layers));
  }

  static JsonObject score(Consumer consumer) {
    // mediasoup: the score of the producer stream the consumer forwards (a simulcast one's
    // current).
    int encoding =
        consumer instanceof SimulcastConsumer s ? Math.max(0, s.currentSpatialLayer()) : 0;
    RtpStreamRecv source = consumer.producer().streams()[encoding];
    return new JsonObject()
        .put("score", consumer.score())
        .put("producerScore", source == null ? 0 : source.score())
        .put("producerScores", RtpStatsJson.producerScore(consumer.producer()));
  }

  /** Closes a consumer; {@code notify} tells the browser ({@code consumerClosed}). */
  void close(Peer peer, Consumer consumer, boolean notify) {
    peer.consumers().remove(consumer.id());
    router.removeConsumer(consumer);
    if (notify) {
      channel.push(
          peer,
          RoomMessages.notification(
              Methods.CONSUMER_CLOSED, new JsonObject().put("consumerId", consumer.id())));
    }
  }

  /** Every consumer of {@code producer} is closed and its peer told. */
  void producerClosed(Producer producer, java.util.function.Function<String, Peer> peers) {
    for (Consumer c : List.copyOf(producer.consumers())) {
      Peer owner = peers.apply(c.peerId());
      if (owner != null) {
        close(owner, c, true);
      } else {
        router.removeConsumer(c);
      }
    }
  }

  /** The producer paused or resumed: its consumers' browsers are told. */
  void producerPaused(
      Producer producer, boolean paused, java.util.function.Function<String, Peer> peers) {
    String method = paused ? Methods.CONSUMER_PAUSED : Methods.CONSUMER_RESUMED;
    for (Consumer c : producer.consumers()) {
      Peer owner = peers.apply(c.peerId());
      if (owner != null) {
        channel.push(
            owner, RoomMessages.notification(method, new JsonObject().put("consumerId", c.id())));
      }
    }
    if (!paused) {
      router.requestKeyFrame(producer, services.nowMs());
    }
  }

  /** The peer's own consumers go (it left, or its transport closed). */
  void closeAll(Peer peer, WebRtcTransport onTransport) {
    for (Consumer c : List.copyOf(peer.consumers().values())) {
      if (onTransport == null || c.transport() == onTransport) {
        close(peer, c, onTransport != null);
      }
    }
  }
}
