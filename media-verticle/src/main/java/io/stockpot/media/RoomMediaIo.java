package io.stockpot.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.stockpot.media.ortc.HeaderExtensions;
import io.stockpot.media.room.Peer;
import io.stockpot.media.room.TransportJson;
import io.stockpot.media.router.DropCounters;
import io.stockpot.media.router.DropReason;
import io.stockpot.media.router.Router;
import io.stockpot.media.router.RouterTotals;
import io.stockpot.media.udp.UdpEndpoint;
import io.stockpot.media.webrtc.StrangerGuard;
import io.stockpot.media.webrtc.TransportDemux;
import io.stockpot.media.webrtc.WebRtcTransport;
import io.stockpot.registry.StatsFields;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A room's media I/O, on the room's event loop: its UDP endpoints, the datagram's first steps
 * (scratch copy, clock, {@link TransportDemux}), the router and its RTCP timer, the flush of queued
 * sends, the transports' periodic work, and the room's drop counters.
 */
final class RoomMediaIo {
  private static final Logger LOG = Logger.getLogger(RoomMediaIo.class.getName());

  /** Room for a full datagram plus the SRTP tag that protecting it in place adds. */
  private static final int SCRATCH_SIZE = 1500 + 64;

  private final RoomVerticle.Settings settings;
  private final Vertx vertx;
  private final Context context;
  private final List<UdpEndpoint> endpoints = new ArrayList<>();
  private final TransportDemux demux = new TransportDemux();
  private final MediaClock clock = new MediaClock();
  private final DropCounters drops = new DropCounters();
  private final Router router = new Router(drops);
  private final byte[] scratch = new byte[SCRATCH_SIZE];
  private long rtcpTimer = -1;
  private int nextEndpoint;
  private long bytesOutLastTick;
  private long lastTickMs;
  private volatile long bitrate;

  RoomMediaIo(RoomVerticle.Settings settings, Vertx vertx, Context context) {
    this.settings = settings;
    this.vertx = vertx;
    this.context = context;
  }

  Router router() {
    return router;
  }

  long nowMs() {
    return clock.nowMs();
  }

  /** Binds the room's UDP ports on {@code loop} (the room's own event loop). */
  Future<Void> bind(EventLoop loop) {
    UdpEndpoint.Receiver receiver =
        new UdpEndpoint.Receiver() {
          @Override
          public void onDatagram(UdpEndpoint e, ByteBuf data, InetSocketAddress from) {
            RoomMediaIo.this.onDatagram(e, data, from);
          }

          @Override
          public void onReadComplete(UdpEndpoint e) {
            flush();
          }
        };
    List<Future<UdpEndpoint>> binds = new ArrayList<>();
    for (int i = 0; i < settings.portCount(); i++) {
      binds.add(
          Future.fromCompletionStage(
              UdpEndpoint.bind(
                  loop,
                  vertx.isNativeTransportEnabled(),
                  settings.listenIp(),
                  settings.firstPort() + i,
                  receiver),
              context));
    }
    return Future.all(binds)
        .<Void>map(
            all -> {
              for (int i = 0; i < all.size(); i++) {
                endpoints.add(all.resultAt(i));
              }
              return null;
            })
        .onFailure(err -> closeEndpoints());
  }

  /** Starts the router's RTCP timer. */
  void startTimers() {
    rtcpTimer =
        vertx.setPeriodic(
            Router.TICK_INTERVAL_MS,
            id -> {
              router.tick(clock.nowMs());
              flush();
            });
  }

  /** Stops the timer and closes the UDP endpoints. */
  Future<Void> close() {
    vertx.cancelTimer(rtcpTimer);
    List<Future<Void>> closes = new ArrayList<>();
    for (UdpEndpoint endpoint : endpoints) {
      closes.add(Future.fromCompletionStage(endpoint.close(), context));
    }
    return Future.join(closes).mapEmpty();
  }

  private void closeEndpoints() {
    endpoints.forEach(UdpEndpoint::close);
  }

  // The packet path starts here, on this room's event loop: copy the datagram once into the
  // room's scratch buffer (SRTP works in place on it), read the clock, find its transport.
  private void onDatagram(UdpEndpoint endpoint, ByteBuf data, InetSocketAddress sender) {
    int len = data.readableBytes();
    if (len > SCRATCH_SIZE - 64) {
      drops.count(DropReason.OVERSIZED);
      return;
    }
    data.getBytes(data.readerIndex(), scratch, 0, len);
    WebRtcTransport transport = demux.route(scratch, 0, len, sender);
    if (transport == null) {
      drops.count(demux.refusal());
      return;
    }
    try {
      transport.onDatagram(endpoint, scratch, 0, len, sender, clock.nowUs());
    } catch (RuntimeException e) {
      // A bug must cost one packet, never the room's event loop.
      drops.count(DropReason.HANDLER_FAILED);
      LOG.log(Level.WARNING, "room " + settings.roomId() + ": datagram handling failed", e);
    }
  }

  /** Queued sends leave together. */
  void flush() {
    for (UdpEndpoint e : endpoints) {
      e.flush();
    }
  }

  /** Once a second: consent freshness on every transport, the room's send bitrate. */
  void tick(Collection<Peer> peers) {
    long now = clock.nowMs();
    long bytesOut = 0;
    for (Peer peer : peers) {
      for (WebRtcTransport t : peer.transports().values()) {
        t.tick(now);
        bytesOut += t.counters().bytesOut();
      }
    }
    // Bytes of transports closed since the last tick drop out of the sum: never below zero.
    if (lastTickMs > 0 && now > lastTickMs) {
      bitrate = Math.max(0, bytesOut - bytesOutLastTick) * 8_000 / (now - lastTickMs);
    }
    bytesOutLastTick = bytesOut;
    lastTickMs = now;
  }

  /** Bits per second this room sent to its peers over the last second; readable from any thread. */
  long bitrate() {
    return bitrate;
  }

  WebRtcTransport createTransport(String id, WebRtcTransport.Listener listener) {
    UdpEndpoint endpoint = endpoints.get(nextEndpoint++ % endpoints.size());
    WebRtcTransport transport =
        new WebRtcTransport(
            id,
            settings.certificate(),
            endpoint,
            settings.announcedIp(),
            task -> context.runOnContext(v -> task.run()),
            demux.routing(listener),
            clock::nowMs,
            drops);
    transport.consentTimeout(settings.iceConsentTimeoutMs());
    transport.congestionControl(
        settings.outgoingBitrateLimits(), HeaderExtensions.TRANSPORT_WIDE_CC_ID);
    demux.add(transport);
    return transport;
  }

  void closeTransport(WebRtcTransport transport) {
    demux.remove(transport);
    router.transportClosed(transport);
    transport.close();
  }

  void transportRestarted(WebRtcTransport transport) {
    demux.refresh(transport);
  }

  /** DTLS handshakes the room's transports completed since it opened. */
  long dtlsHandshakes() {
    return demux.connectedTransports();
  }

  /** Adds the media figures to the room's status: ports, drops, demux and router counters. */
  JsonObject putStatus(JsonObject status) {
    JsonArray ports = new JsonArray();
    endpoints.forEach(e -> ports.add(e.port()));
    return status
        .put(StatsFields.PORTS, ports)
        .put(
            "unroutedDatagrams",
            drops.get(DropReason.OVERSIZED)
                + drops.get(DropReason.UNKNOWN_TUPLE)
                + drops.get(DropReason.STUN_UNKNOWN_USERNAME)
                + drops.get(DropReason.STUN_THROTTLED)
                + drops.get(DropReason.HANDLER_FAILED))
        .put(StatsFields.DROPS, TransportJson.drops(drops))
        .put("unknownSource", demux.unknownSource())
        .put("unknownIceUsername", demux.unknownUsername())
        .put("strangers", strangersJson(demux.strangers().totals()))
        .put(StatsFields.ROUTER, routerJson(router.counters()));
  }

  /** Datagrams from sources ICE has not validated, dropped before any cryptography. */
  private static JsonObject strangersJson(StrangerGuard.Totals t) {
    return new JsonObject()
        .put("rtp", t.rtp())
        .put("rtcp", t.rtcp())
        .put("dtls", t.dtls())
        .put("other", t.other())
        .put("stunMalformed", t.stunMalformed())
        .put("stunUnknownUsername", t.stunUnknownUsername())
        .put("stunThrottled", t.stunThrottled())
        .put("stunAdmitted", t.stunAdmitted())
        .put("dropped", t.dropped());
  }

  /** The router's totals under the names the status has always carried. */
  private static JsonObject routerJson(RouterTotals t) {
    return new JsonObject()
        .put("rtpForwarded", t.rtpForwarded())
        .put("rtpWithoutProducer", t.rtpWithoutProducer())
        .put("rtpInvalid", t.rtpInvalid())
        .put("rtpDiscarded", t.rtpDiscarded())
        .put("rtcpIn", t.rtcpIn())
        .put("rtcpMalformed", t.rtcpMalformed())
        .put("nacksIn", t.nacksIn())
        .put("keyFrameRequestsIn", t.keyFrameRequestsIn())
        .put("transportCcIn", t.transportCcIn())
        .put("rembIn", t.rembIn())
        .put("transportCcOut", t.transportCcOut())
        .put("receiverReportsOut", t.receiverReportsOut())
        .put("senderReportsOut", t.senderReportsOut())
        .put("keyFrameRequestsOut", t.keyFrameRequestsOut())
        .put("nacksOut", t.nacksOut())
        .put("rtcpCompoundsOut", t.rtcpCompoundsOut());
  }
}
