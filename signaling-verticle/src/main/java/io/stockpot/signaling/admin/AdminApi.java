package io.stockpot.signaling.admin;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Function;

/**
 * The REST admin API under {@code /api/}, every call with {@code Authorization: Bearer <token>}.
 * Answers JSON; errors are {@code {error, message}} with 401 (no token), 403 (wrong token), 404
 * (unknown room, peer or node), 400 (bad input).
 */
final class AdminApi {
  private static final int MAX_BODY = 16 * 1024;

  private final AdminToken token;
  private final AdminActions actions;
  private final TokenMinting minting;

  AdminApi(AdminToken token, AdminActions actions, TokenMinting minting) {
    this.token = token;
    this.actions = actions;
    this.minting = minting;
  }

  void mount(Router router) {
    router.route("/api/*").handler(this::authorize);
    router.post("/api/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.post("/api/tokens").handler(answer(ctx -> minting.mint(body(ctx))));
    router.get("/api/nodes").handler(answer(ctx -> actions.nodes()));
    router.post("/api/nodes/:nodeId/drain").handler(answer(this::drain));
    router.get("/api/rooms").handler(answer(ctx -> actions.rooms()));
    router.get("/api/rooms/:roomId").handler(answer(ctx -> actions.room(param(ctx, "roomId"))));
    router
        .get("/api/rooms/:roomId/peers")
        .handler(answer(ctx -> actions.peers(param(ctx, "roomId"))));
    router
        .delete("/api/rooms/:roomId")
        .handler(answer(ctx -> actions.closeRoom(param(ctx, "roomId"))));
    router
        .delete("/api/rooms/:roomId/peers/:peerId")
        .handler(answer(ctx -> actions.kickPeer(param(ctx, "roomId"), param(ctx, "peerId"))));
    router.route("/api/*").handler(ctx -> error(ctx, AdminError.notFound("no such API call")));
  }

  private void authorize(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.isBlank()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"stockpot\"");
      error(ctx, new AdminError(401, "unauthorized", "Authorization: Bearer <token> required"));
      return;
    }
    if (!token.matches(AdminToken.bearer(header))) {
      error(ctx, new AdminError(403, "forbidden", "wrong admin token"));
      return;
    }
    ctx.next();
  }

  private Future<JsonObject> drain(RoutingContext ctx) {
    boolean draining = true;
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body != null && !body.isBlank()) {
      try {
        Object value = new JsonObject(body).getValue("draining", true);
        if (!(value instanceof Boolean b)) {
          return Future.failedFuture(AdminError.badRequest("draining must be true or false"));
        }
        draining = b;
      } catch (DecodeException e) {
        return Future.failedFuture(AdminError.badRequest("body must be JSON"));
      }
    }
    return actions.drain(param(ctx, "nodeId"), draining);
  }

  private static JsonObject body(RoutingContext ctx) {
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || body.isBlank()) {
      throw AdminError.badRequest(
          "body must be JSON: {roomId, peerId, displayName?, grants?," + " ttlSeconds?}");
    }
    try {
      return new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw AdminError.badRequest("body must be a JSON object");
    }
  }

  private static String param(RoutingContext ctx, String name) {
    return ctx.pathParam(name);
  }

  private static Handler answer(Function<RoutingContext, Future<?>> call) {
    return ctx -> {
      Future<?> result;
      try {
        result = call.apply(ctx);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(
          ar -> {
            if (ar.succeeded()) {
              ctx.json(ar.result());
            } else {
              error(ctx, AdminError.from(ar.cause(), "request"));
            }
          });
    };
  }

  private interface Handler extends io.vertx.core.Handler<RoutingContext> {}

  static void error(RoutingContext ctx, AdminError e) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(e.status())
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", e.error()).put("message", e.getMessage()).encode());
  }
}
