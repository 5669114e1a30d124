package io.stockpot.signaling.whip;

import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.Methods;
import io.stockpot.registry.NodeConfig;
import io.stockpot.registry.RequestException;
import io.stockpot.registry.RoomMessages;
import io.stockpot.signaling.Admission;
import io.stockpot.signaling.RoomClient;
import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.sdp.SdpAnswer;
import io.stockpot.signaling.sdp.SdpException;
import io.stockpot.signaling.sdp.SessionDescription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * WHIP ingest (RFC 9725): {@code POST /whip/{roomId}} with an SDP offer makes the publisher a peer
 * of the room — joined, one WebRtcTransport, one producer per received m-section — and answers 201
 * with an ICE-lite SDP answer, the session's {@code Location} and {@code ETag}. {@code PATCH} on
 * the session takes trickled candidates (ignored: ICE-lite learns addresses from checks) and ICE
 * restarts; {@code DELETE} ends it. The session also ends when the room closes the peer (ICE
 * consent lost, kicked, room closed), and when the publisher never completes ICE. Runs on the
 * signaling verticle's event loop.
 */
public final class WhipEndpoint {
  private static final Logger LOG = Logger.getLogger(WhipEndpoint.class.getName());

  /** Request bodies larger than this are refused (413): an offer with simulcast is ~6 kB. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** Header naming the publisher when its token names nobody (or no token is needed). */
  public static final String DISPLAY_NAME_HEADER = "X-Stockpot-Display-Name";

  /** A session whose transport completed no ICE check by then is ended. */
  static final long CONNECT_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final NodeConfig config;
  private final RoomClient rooms;
  private final Admission admission;
  private final WhipStats stats = new WhipStats();
  private final Map<String, WhipSession> byResource = new HashMap<>();
  private final Map<String, WhipSession> bySession = new HashMap<>();

  public WhipEndpoint(Vertx vertx, NodeConfig config, RoomClient rooms, Admission admission) {
    this.vertx = vertx;
    this.config = config;
    this.rooms = rooms;
    this.admission = admission;
  }

  /** Adds the WHIP routes; call before any catch-all route. */
  public void mount(Router router) {
    router.route("/whip/:roomId").handler(this::cors);
    router.route("/whip/:roomId/:resourceId").handler(this::cors);
    // Vert.x Web wants a route's BodyHandler before its other handlers.
    BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    router.post("/whip/:roomId").handler(body).handler(this::post);
    router.patch("/whip/:roomId/:resourceId").handler(body).handler(this::patch);
    router.delete("/whip/:roomId/:resourceId").handler(this::delete);
    router
        .route("/whip/*")
        .handler(ctx -> fail(ctx, 405, "method not allowed here"))
        .failureHandler(
            ctx -> fail(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, "request refused"));
  }

  /** The endpoint's counters (for {@code /health}). */
  public JsonObject stats() {
    return stats.toJson(byResource.size());
  }

  /**
   * A room message for a session id that no protoo connection owns: if it is a WHIP session's and
   * the room closes it, the session resource goes away.
   *
   * @return whether the message was a WHIP session's
   */
  public boolean onRoomMessage(JsonObject body) {
    WhipSession s = bySession.get(body.getString(RoomMessages.SESSION_ID, ""));
    if (s == null) {
      return false;
    }
    String method = body.getString(RoomMessages.METHOD);
    JsonObject pushed = body.getJsonObject(RoomMessages.MESSAGE, new JsonObject());
    // Closed (consent lost, kicked, replaced, room closed) or moved to another node (drain,
    // failover): the peer is gone from this room, and a WHIP client cannot rejoin by itself.
    if (Methods.CLOSE_SESSION.equals(method)
        || (Methods.PUSH.equals(method) && Methods.ROOM_MOVED.equals(pushed.getString("method")))) {
      stats.endedByRoom++;
      LOG.info(() -> "WHIP session " + s.peerId + " ended by its room: " + method);
      forget(s);
    }
    return true;
  }

  private void cors(RoutingContext ctx) {
    stats.requests++;
    WhipHttp.cors(ctx);
  }

  private void fail(RoutingContext ctx, int status, String reason) {
    stats.error(status);
    WhipHttp.error(ctx, status, reason);
  }

  private void post(RoutingContext ctx) {
    if (!WhipHttp.SDP.equals(WhipHttp.mediaType(ctx.request().getHeader("Content-Type")))) {
      fail(ctx, 415, "Content-Type must be application/sdp");
      return;
    }
    String roomId = ctx.pathParam("roomId");
    if (!RoomToken.ID.matcher(roomId).matches()) {
      fail(ctx, 404, "no room can be named '" + roomId + "'");
      return;
    }
    SessionDescription offer;
    try {
      offer = SessionDescription.parse(ctx.body().asString());
    } catch (SdpException e) {
      fail(ctx, 400, "malformed SDP offer: " + e.getMessage());
      return;
    }
    String ip = ctx.request().remoteAddress().hostAddress();
    String openPeerId = config.tokensRequired() ? null : "whip-" + random(8);
    admission
        .admit(ip, openPeerId, roomId, WhipHttp.bearer(ctx))
        .onFailure(
            err -> {
              int status = err instanceof Admission.Refused r ? r.httpStatus() : 401;
              fail(ctx, status, err.getMessage());
            })
        .onSuccess(
            admitted -> {
              if (admitted.token() != null && !admitted.token().may(RoomToken.PUBLISH)) {
                admission.release(ip);
                fail(ctx, 403, "this token does not grant 'publish'");
                return;
              }
              start(ctx, admitted, offer);
            });
  }

  private void start(RoutingContext ctx, Admission.Admitted admitted, SessionDescription offer) {
    String sessionId = String.format("%013d-%s", System.currentTimeMillis(), random(8));
    WhipSession s = new WhipSession(UUID.randomUUID().toString(), sessionId, admitted);
    OfferMapping.Result[] mapping = new OfferMapping.Result[1];
    long started = System.nanoTime();
    room(s, Methods.GET_ROUTER_RTP_CAPABILITIES, new JsonObject())
        .compose(
            caps -> {
              mapping[0] = OfferMapping.map(offer, (JsonObject) caps, "stockpot-" + s.peerId);
              return room(s, Methods.JOIN, join(ctx, admitted));
            })
        .compose(v -> room(s, Methods.CREATE_WEBRTC_TRANSPORT, new JsonObject()))
        .compose(params -> connect(s, (JsonObject) params, mapping[0]))
        .compose(v -> produceAll(s, mapping[0].produces(), 0))
        .onSuccess(
            v -> {
              s.remoteUfrag = mapping[0].iceUfrag();
              byResource.put(s.resourceId, s);
              bySession.put(s.sessionId, s);
              stats.sessionsCreated++;
              s.connectTimer = vertx.setTimer(CONNECT_TIMEOUT_MS, id -> checkConnected(s));
              LOG.info(
                  () ->
                      "WHIP publisher "
                          + s.peerId
                          + " joined room "
                          + s.roomId
                          + " in "
                          + (System.nanoTime() - started) / 1_000_000
                          + " ms");
              ctx.response()
                  .setStatusCode(201)
                  .putHeader("Content-Type", WhipHttp.SDP)
                  .putHeader("Location", s.location())
                  .putHeader("ETag", s.etag())
                  .putHeader("Accept-Patch", WhipHttp.SDPFRAG)
                  .end(s.answer.write(System.currentTimeMillis()));
            })
        .onFailure(
            err -> {
              leave(s);
              admission.release(admitted.ip());
              fail(ctx, status(err), err.getMessage());
            });
  }

  private JsonObject join(RoutingContext ctx, Admission.Admitted admitted) {
    String name = admitted.token() == null ? null : admitted.token().displayName();
    if (name == null) {
      name = ctx.request().getHeader(DISPLAY_NAME_HEADER);
    }
    if (name == null || name.isBlank()) {
      name = admitted.peerId();
    }
    String agent = ctx.request().getHeader("User-Agent");
    // A publisher only: capabilities that can receive nothing, so the room makes it no consumer.
    return new JsonObject()
        .put("displayName", name.length() > 64 ? name.substring(0, 64) : name)
        .put(
            "device",
            new JsonObject()
                .put("flag", "whip")
                .put(
                    "name",
                    agent == null ? "WHIP" : agent.substring(0, Math.min(64, agent.length())))
                .put("version", ""))
        .put(
            "rtpCapabilities",
            new JsonObject()
                .put("codecs", new JsonArray())
                .put("headerExtensions", new JsonArray()));
  }

  private Future<Object> connect(WhipSession s, JsonObject params, OfferMapping.Result m) {
    s.transportId = params.getString("id");
    JsonArray fingerprints = new JsonArray();
    m.fingerprints()
        .forEach(
            f ->
                fingerprints.add(
                    new JsonObject().put("algorithm", f.algorithm()).put("value", f.value())));
    s.answer = answer(params, m);
    return room(
        s,
        Methods.CONNECT_WEBRTC_TRANSPORT,
        new JsonObject()
            .put("transportId", s.transportId)
            .put(
                "dtlsParameters",
                new JsonObject().put("role", m.remoteRole()).put("fingerprints", fingerprints)));
  }

  /** The answer for the transport's ICE and DTLS parameters. */
  private static SdpAnswer answer(JsonObject params, OfferMapping.Result m) {
    JsonObject ice = params.getJsonObject("iceParameters");
    List<SdpAnswer.Fingerprint> fps = new ArrayList<>();
    for (Object o : params.getJsonObject("dtlsParameters").getJsonArray("fingerprints")) {
      JsonObject f = (JsonObject) o;
      fps.add(new SdpAnswer.Fingerprint(f.getString("algorithm"), f.getString("value")));
    }
    // aiortc 1.4 reads only the last fingerprint and verifies only sha-256: list that one last.
    fps.sort(
        (a, b) ->
            Boolean.compare(a.algorithm().equals("sha-256"), b.algorithm().equals("sha-256")));
    List<SdpAnswer.Candidate> candidates = new ArrayList<>();
    for (Object o : params.getJsonArray("iceCandidates")) {
      JsonObject c = (JsonObject) o;
      candidates.add(
          new SdpAnswer.Candidate(
              c.getString("foundation"),
              c.getLong("priority"),
              c.getString("ip"),
              c.getInteger("port")));
    }
    return new SdpAnswer(
        ice.getString("usernameFragment"),
        ice.getString("password"),
        fps,
        m.answerSetup(),
        candidates,
        m.answerMedia());
  }

  private Future<Object> produceAll(WhipSession s, List<OfferMapping.Produce> list, int i) {
    if (i == list.size()) {
      return Future.succeededFuture();
    }
    OfferMapping.Produce p = list.get(i);
    JsonObject data =
        new JsonObject()
            .put("transportId", s.transportId)
            .put("kind", p.kind())
            .put("rtpParameters", p.rtpParameters())
            .put("appData", new JsonObject().put("whip", true).put("mid", p.mid()));
    return room(s, Methods.PRODUCE, data).compose(v -> produceAll(s, list, i + 1));
  }

  private void patch(RoutingContext ctx) {
    stats.patches++;
    WhipSession s = session(ctx);
    if (s == null) {
      return;
    }
    if (!WhipHttp.SDPFRAG.equals(WhipHttp.mediaType(ctx.request().getHeader("Content-Type")))) {
      fail(ctx, 415, "Content-Type must be application/trickle-ice-sdpfrag");
      return;
    }
    String ifMatch = ctx.request().getHeader("If-Match");
    if (ifMatch != null && !ifMatch.strip().equals("*") && !ifMatch.strip().equals(s.etag())) {
      fail(ctx, 412, "If-Match does not name this session's ICE session (" + s.etag() + ")");
      return;
    }
    SessionDescription fragment;
    try {
      fragment = SessionDescription.parseFragment(ctx.body().asString());
    } catch (SdpException e) {
      fail(ctx, 400, "malformed SDP fragment: " + e.getMessage());
      return;
    }
    String ufrag = fragment.attribute("ice-ufrag");
    for (int i = 0; ufrag == null && i < fragment.media().size(); i++) {
      ufrag = fragment.media().get(i).attribute("ice-ufrag");
    }
    if (ufrag == null || ufrag.equals(s.remoteUfrag)) {
      // Trickled candidates: an ICE-lite agent needs none (RFC 8445 §2.5), it answers checks.
      ctx.response().setStatusCode(204).end();
      return;
    }
    String newUfrag = ufrag;
    room(s, Methods.RESTART_ICE, new JsonObject().put("transportId", s.transportId))
        .onSuccess(
            reply -> {
              stats.iceRestarts++;
              JsonObject ice = ((JsonObject) reply).getJsonObject("iceParameters");
              SdpAnswer a = s.answer;
              s.answer =
                  new SdpAnswer(
                      ice.getString("usernameFragment"),
                      ice.getString("password"),
                      a.fingerprints(),
                      a.setup(),
                      a.candidates(),
                      a.media());
              s.remoteUfrag = newUfrag;
              ctx.response()
                  .setStatusCode(200)
                  .putHeader("Content-Type", WhipHttp.SDPFRAG)
                  .putHeader("ETag", s.etag())
                  .end(s.answer.writeRestartFragment());
            })
        .onFailure(err -> fail(ctx, status(err), err.getMessage()));
  }

  private void delete(RoutingContext ctx) {
    WhipSession s = session(ctx);
    if (s == null) {
      return;
    }
    stats.deleted++;
    end(s);
    ctx.response().setStatusCode(200).end();
  }

  /** The session the URL names, or null after answering 404. */
  private WhipSession session(RoutingContext ctx) {
    WhipSession s = byResource.get(ctx.pathParam("resourceId"));
    if (s == null || !s.roomId.equals(ctx.pathParam("roomId"))) {
      fail(ctx, 404, "no such WHIP session");
      return null;
    }
    return s;
  }

  /** A publisher that never completed ICE is gone (or never was): end its session. */
  private void checkConnected(WhipSession s) {
    if (byResource.get(s.resourceId) != s) {
      return;
    }
    room(s, Methods.GET_TRANSPORT_STATS, new JsonObject().put("transportId", s.transportId))
        .onSuccess(
            reply -> {
              JsonArray all = (JsonArray) reply;
              String ice = all.isEmpty() ? "new" : all.getJsonObject(0).getString("iceState", "");
              if (ice.equals("new")) {
                stats.neverConnected++;
                LOG.info(() -> "WHIP publisher " + s.peerId + " never connected: session ended");
                end(s);
              }
            });
  }

  private void end(WhipSession s) {
    forget(s);
    leave(s);
  }

  private void forget(WhipSession s) {
    if (byResource.remove(s.resourceId) == null) {
      return;
    }
    bySession.remove(s.sessionId);
    vertx.cancelTimer(s.connectTimer);
    admission.release(s.admitted.ip());
  }

  private void leave(WhipSession s) {
    rooms
        .request(
            s.roomId,
            RoomMessages.request(Methods.PEER_LEFT, s.peerId, s.sessionId, null, null),
            false)
        .onFailure(
            err -> LOG.fine(() -> "peerLeft for WHIP " + s.peerId + ": " + err.getMessage()));
  }

  /** A room request of this session: a publisher's access (its subject, only 'publish'). */
  private Future<Object> room(WhipSession s, String method, JsonObject data) {
    JsonObject request = RoomMessages.request(method, s.peerId, s.sessionId, null, data);
    RoomToken token = s.admitted.token();
    if (token != null) {
      request.put(RoomMessages.SUBJECT, token.peerId());
    }
    request.put(RoomMessages.GRANTS, new JsonArray().add(RoomToken.PUBLISH));
    return rooms.request(s.roomId, request);
  }

  /** The HTTP status of a failure: the offer's, or the room's error code. */
  private static int status(Throwable err) {
    if (err instanceof WhipException we) {
      return we.status();
    }
    if (err instanceof RequestException re) {
      int code = re.code();
      if (code == ErrorCodes.ROOM_GONE || code == ErrorCodes.TIMEOUT) {
        return 503;
      }
      return code >= 400 && code < 600 ? code : 500;
    }
    return 500;
  }

  private static String random(int chars) {
    return UUID.randomUUID().toString().replace("-", "").substring(0, chars);
  }
}
