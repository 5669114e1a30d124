package io.stockpot.peer;

import io.stockpot.media.dtls.DtlsCertificate;
import io.stockpot.media.dtls.DtlsFingerprint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A WebRTC participant in Java that behaves on the wire like mediasoup-demo's browser client:
 * protoo signaling (getRouterRtpCapabilities, join, createWebRtcTransport, connectWebRtcTransport,
 * produce, answering newConsumer), then ICE, DTLS and SRTP on its transports, sending Opus- and
 * VP8-shaped media and counting everything it receives. For tests and load tests.
 */
public final class JavaPeer {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProtooClient protoo;
  private final String peerId;
  private final MediaLoop loop;
  private final boolean ownLoop;
  private final DtlsCertificate certificate;
  private final String cname;
  private final Map<String, LongAdder> notifications = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> serverRequests = new ConcurrentHashMap<>();
  private final Map<String, Integer> consumers = new ConcurrentHashMap<>();
  private final Map<String, String> consumerTypes = new ConcurrentHashMap<>();
  private final List<PeerTransport> transports = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicInteger nextMid = new AtomicInteger();
  private JsonObject routerCapabilities;
  private JsonArray joinedPeers;
  private Future<PeerTransport> sendTransport;
  private volatile PeerTransport recvTransport;
  private final int[] srtpProfiles;

  private JavaPeer(ProtooClient protoo, String peerId, PeerOptions options) {
    this.protoo = protoo;
    this.peerId = peerId;
    this.ownLoop = options.loop() == null;
    this.loop = ownLoop ? new MediaLoop("peer-media-" + peerId) : options.loop();
    this.certificate =
        options.certificate() == null ? DtlsCertificate.generate() : options.certificate();
    this.cname = "peer-" + Long.toHexString(RANDOM.nextLong());
    this.srtpProfiles = options.srtpProfiles();
  }

  /** Connects to {@code ws://host:port/?roomId=..&peerId=..} and joins as a sending-only peer. */
  public static Future<JavaPeer> connect(
      Vertx vertx, String host, int port, String roomId, String peerId) {
    return connect(vertx, host, port, roomId, peerId, PeerOptions.defaults());
  }

  /** Connects and joins; with {@code options.consume()} it also receives the others' media. */
  public static Future<JavaPeer> connect(
      Vertx vertx, String host, int port, String roomId, String peerId, PeerOptions options) {
    String query = "roomId=" + encode(roomId) + "&peerId=" + encode(peerId);
    return ProtooClient.connect(vertx, host, port, query)
        .compose(
            protoo -> {
              JavaPeer peer = new JavaPeer(protoo, peerId, options);
              return peer.join(options)
                  .map(peer)
                  .recover(e -> peer.close().transform(r -> Future.failedFuture(e)));
            });
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private Future<Void> join(PeerOptions options) {
    protoo.onNotification((method, data) -> count(notifications, method));
    protoo.onRequest(this::onServerRequest);
    return protoo
        .request("getRouterRtpCapabilities", null)
        .compose(
            caps -> {
              routerCapabilities = caps;
              if (!options.consume()) {
                return Future.succeededFuture();
              }
              // Before join: the server creates consumers only on a transport that exists.
              return createTransport(false).map(t -> recvTransport = t);
            })
        .compose(
            v ->
                protoo.request(
                    "join",
                    new JsonObject()
                        .put(
                            "displayName",
                            options.displayName() == null ? peerId : options.displayName())
                        .put(
                            "device",
                            new JsonObject()
                                .put("flag", "java")
                                .put("name", "StockpotJavaPeer")
                                .put("version", "1"))
                        .put("rtpCapabilities", ChromeRtp.deviceCapabilities(routerCapabilities))))
        .map(
            joined -> {
              joinedPeers = joined.getJsonArray("peers", new JsonArray());
              return null;
            });
  }

  private Future<JsonObject> onServerRequest(String method, JsonObject data) {
    count(serverRequests, method);
    if (!"newConsumer".equals(method)) {
      return Future.failedFuture("unsupported request: " + method);
    }
    PeerTransport recv = recvTransport;
    if (recv == null) {
      return Future.failedFuture("not consuming");
    }
    String consumerId = data.getString("id", "");
    consumerTypes.put(consumerId, data.getString("type", ""));
    JsonArray encodings =
        data.getJsonObject("rtpParameters", new JsonObject())
            .getJsonArray("encodings", new JsonArray());
    for (Object o : encodings) {
      if (o instanceof JsonObject e && e.getValue("ssrc") instanceof Number ssrc) {
        recv.expectConsumer(ssrc.intValue(), consumerId);
        consumers.put(consumerId, ssrc.intValue());
        if (e.getJsonObject("rtx") != null
            && e.getJsonObject("rtx").getValue("ssrc") instanceof Number rtx) {
          recv.expectConsumer(rtx.intValue(), consumerId + "/rtx");
        }
      }
    }
    return Future.succeededFuture(new JsonObject());
  }

  /**
   * createWebRtcTransport, then ICE checks start at once; connectWebRtcTransport tells the server
   * our fingerprint, after which DTLS may start.
   */
  private Future<PeerTransport> createTransport(boolean producing) {
    JsonObject request =
        new JsonObject()
            .put("forceTcp", false)
            .put("producing", producing)
            .put("consuming", !producing);
    return protoo
        .request("createWebRtcTransport", request)
        .compose(
            info -> {
              PeerTransport t;
              try {
                t =
                    PeerTransport.start(
                        info.getString("id"), producing, loop, certificate, cname, remote(info));
              } catch (Exception e) {
                return Future.failedFuture(e);
              }
              if (srtpProfiles != null) {
                t.srtpProfiles(srtpProfiles);
              }
              transports.add(t);
              DtlsFingerprint ours = t.localFingerprint();
              JsonObject dtls =
                  new JsonObject()
                      .put("role", "client")
                      .put(
                          "fingerprints",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("algorithm", ours.algorithm())
                                      .put("value", ours.value())));
              return protoo
                  .request(
                      "connectWebRtcTransport",
                      new JsonObject().put("transportId", t.id()).put("dtlsParameters", dtls))
                  .map(
                      ok -> {
                        t.allowDtls();
                        return t;
                      });
            });
  }

  /** The server's ICE parameters, its first UDP candidate and its fingerprints. */
  static PeerTransport.Remote remote(JsonObject info) {
    JsonObject ice = info.getJsonObject("iceParameters");
    JsonObject candidate = null;
    for (Object o : info.getJsonArray("iceCandidates", new JsonArray())) {
      if (o instanceof JsonObject c && "udp".equalsIgnoreCase(c.getString("protocol", "udp"))) {
        candidate = c;
        break;
      }
    }
    if (ice == null || candidate == null) {
      throw new IllegalArgumentException("transport without ICE parameters or UDP candidate");
    }
    String address = candidate.getString("address", candidate.getString("ip"));
    List<DtlsFingerprint> fingerprints = new ArrayList<>();
    JsonObject dtls = info.getJsonObject("dtlsParameters", new JsonObject());
    for (Object o : dtls.getJsonArray("fingerprints", new JsonArray())) {
      if (o instanceof JsonObject f
          && DtlsFingerprint.isSupportedAlgorithm(f.getString("algorithm", ""))) {
        fingerprints.add(new DtlsFingerprint(f.getString("algorithm"), f.getString("value")));
      }
    }
    return new PeerTransport.Remote(
        ice.getString("usernameFragment"),
        ice.getString("password"),
        new InetSocketAddress(address, candidate.getInteger("port")),
        fingerprints);
  }

  private synchronized Future<PeerTransport> sendTransport() {
    if (sendTransport == null) {
      sendTransport = createTransport(true);
    }
    return sendTransport;
  }

  /** Produces Opus-shaped audio, 50 packets/s; the future gets the producer id. */
  public Future<String> produceAudio() {
    int ssrc = RANDOM.nextInt();
    String mid = String.valueOf(nextMid.getAndIncrement());
    return produce(
        "audio",
        ChromeRtp.audioParameters(mid, ssrc, cname),
        new AudioStream(ssrc, mid, ExtensionIds.CHROME_AUDIO, RANDOM.nextInt(), RANDOM.nextInt()));
  }

  /** Produces VP8-shaped video at {@code bitrateBps}, 30 fps, a key frame every 3 s. */
  public Future<String> produceVideo(int bitrateBps) {
    return produceVideo(bitrateBps, 30, 90);
  }

  /** Produces VP8-shaped video; the future gets the producer id. */
  public Future<String> produceVideo(int bitrateBps, int fps, int keyFrameInterval) {
    int ssrc = RANDOM.nextInt();
    int rtxSsrc = RANDOM.nextInt();
    String mid = String.valueOf(nextMid.getAndIncrement());
    VideoStream stream =
        new VideoStream(
            ssrc,
            rtxSsrc,
            mid,
            ExtensionIds.CHROME_VIDEO,
            bitrateBps,
            fps,
            keyFrameInterval,
            RANDOM.nextInt(),
            RANDOM.nextInt());
    return produce("video", ChromeRtp.videoParameters(mid, ssrc, rtxSsrc, cname), stream);
  }

  /**
   * Produces VP8 simulcast as Chrome sends it with mediasoup-client's SSRC simulcast: one encoding
   * per entry of {@code bitratesBps} (low to high), each its own SSRC and RTX SSRC, three temporal
   * layers ({@code scalabilityMode L1T3}), 30 fps, a key frame every 3 s and on request.
   */
  public Future<String> produceSimulcastVideo(int... bitratesBps) {
    String mid = String.valueOf(nextMid.getAndIncrement());
    JsonObject parameters = null;
    JsonArray encodings = new JsonArray();
    List<MediaStream> streams = new ArrayList<>();
    for (int bitrate : bitratesBps) {
      int ssrc = RANDOM.nextInt();
      int rtxSsrc = RANDOM.nextInt();
      streams.add(
          new VideoStream(
              ssrc,
              rtxSsrc,
              mid,
              ExtensionIds.CHROME_VIDEO,
              bitrate,
              30,
              90,
              RANDOM.nextInt(),
              RANDOM.nextInt(),
              3));
      JsonObject one = ChromeRtp.videoParameters(mid, ssrc, rtxSsrc, cname);
      parameters = parameters == null ? one : parameters;
      encodings.add(
          one.getJsonArray("encodings")
              .getJsonObject(0)
              .put("scalabilityMode", "L1T3")
              .put("maxBitrate", bitrate));
    }
    if (parameters == null) {
      return Future.failedFuture("no encodings");
    }
    parameters.put("encodings", encodings);
    return produce("video", parameters, streams.toArray(new MediaStream[0]));
  }

  /** The consumers the server created for this peer: consumer id → media SSRC. */
  public Map<String, Integer> consumerSsrcs() {
    return Map.copyOf(consumers);
  }

  /** The type newConsumer gave each consumer ({@code simple}, {@code simulcast}), by id. */
  public Map<String, String> consumerTypes() {
    return Map.copyOf(consumerTypes);
  }

  private Future<String> produce(String kind, JsonObject rtpParameters, MediaStream... stream) {
    return sendTransport()
        .compose(
            t ->
                protoo
                    .request(
                        "produce",
                        new JsonObject()
                            .put("transportId", t.id())
                            .put("kind", kind)
                            .put("rtpParameters", rtpParameters)
                            .put("appData", new JsonObject()))
                    .map(
                        produced -> {
                          for (MediaStream m : stream) {
                            t.addStream(m);
                          }
                          return produced.getString("id");
                        }));
  }

  public String peerId() {
    return peerId;
  }

  public JsonObject routerCapabilities() {
    return routerCapabilities;
  }

  /** The other peers as join reported them. */
  public JsonArray joinedPeers() {
    return joinedPeers;
  }

  /** The transports created so far (send and receive). */
  public List<PeerTransport> transports() {
    return List.copyOf(transports);
  }

  public ProtooClient protoo() {
    return protoo;
  }

  /** Counters as of now; callable from any thread. */
  public PeerStats stats() {
    List<TransportStats> list = new ArrayList<>();
    for (PeerTransport t : transports) {
      list.add(t.stats());
    }
    return new PeerStats(
        peerId, list, snapshot(notifications), snapshot(serverRequests), consumers.size());
  }

  private static void count(Map<String, LongAdder> map, String key) {
    map.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> map) {
    Map<String, Long> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Closes the transports, the signaling connection and (if it owns one) the media loop. */
  public Future<Void> close() {
    transports.forEach(PeerTransport::close);
    return protoo
        .close()
        .eventually(
            () -> {
              if (ownLoop) {
                loop.close();
              }
              return Future.succeededFuture();
            });
  }
}
