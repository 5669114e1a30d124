package io.stockpot.signaling.admin;

import io.stockpot.registry.Addresses;
import io.stockpot.signaling.Query;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The dashboard's event-bus bridge at {@code /eventbus}, locked down to admins.
 *
 * <p>A socket authenticates with the admin token in its SockJS URL ({@code
 * /eventbus?token=<token>}); without it the socket is closed as soon as it opens. Authenticated
 * sockets may register for the two stats addresses only ({@link Addresses#NODE_STATS}, {@link
 * Addresses#MEDIA_STATS}) and send to the admin command address only ({@link
 * Addresses#ADMIN_COMMANDS}); nobody may publish. The bridge event hook runs before the permit
 * checks, so both apply: the hook refuses every event of a socket that is not authenticated, the
 * permits refuse every other address.
 */
final class DashboardBridge {
  private static final Logger LOG = Logger.getLogger(DashboardBridge.class.getName());

  private final Vertx vertx;
  private final AdminToken token;
  private final AdminActions actions;
  private final Set<SockJSSocket> admins = ConcurrentHashMap.newKeySet();
  private long refused;

  DashboardBridge(Vertx vertx, AdminToken token, AdminActions actions) {
    this.vertx = vertx;
    this.token = token;
    this.actions = actions;
  }

  Router router() {
    SockJSBridgeOptions options =
        new SockJSBridgeOptions()
            .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.NODE_STATS))
            .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.MEDIA_STATS))
            .addInboundPermitted(new PermittedOptions().setAddress(Addresses.ADMIN_COMMANDS));
    return SockJSHandler.create(
            vertx,
            new SockJSHandlerOptions()
                .setLibraryURL("/dist/sockjs.min.js")
                .setRegisterWriteHandler(false))
        .bridge(options, this::onEvent);
  }

  /** Handles the dashboard's commands on this node only: each node serves its own dashboards. */
  MessageConsumer<JsonObject> commands() {
    return vertx.eventBus().localConsumer(Addresses.ADMIN_COMMANDS, this::onCommand);
  }

  private void onEvent(BridgeEvent event) {
    SockJSSocket socket = event.socket();
    switch (event.type()) {
      case SOCKET_CREATED -> {
        boolean ok = token.matches(tokenOf(socket.uri()));
        if (ok) {
          admins.add(socket);
        } else {
          refused++;
          LOG.info("admin event-bus socket refused: no or wrong token (" + refused + " so far)");
        }
        event.complete(ok);
      }
      case SOCKET_CLOSED -> {
        admins.remove(socket);
        event.complete(true);
      }
      case SOCKET_IDLE, SOCKET_PING, SOCKET_ERROR, UNREGISTER -> event.complete(true);
      case SEND, REGISTER, REGISTERED, RECEIVE -> event.complete(admins.contains(socket));
      // The dashboard only listens and sends commands: nobody publishes through the bridge.
      default -> event.complete(false);
    }
  }

  private static String tokenOf(String uri) {
    if (uri == null || !uri.contains("?")) {
      return null;
    }
    return Query.parse(uri.substring(uri.indexOf('?'))).get("token");
  }

  private void onCommand(Message<JsonObject> message) {
    JsonObject body = message.body() == null ? new JsonObject() : message.body();
    String action = body.getString("action", "");
    Future<JsonObject> done =
        switch (action) {
          case "closeRoom" -> actions.closeRoom(body.getString("roomId"));
          case "kickPeer" -> actions.kickPeer(body.getString("roomId"), body.getString("peerId"));
          case "drainNode" ->
              actions.drain(body.getString("nodeId"), body.getBoolean("draining", true));
          default -> Future.failedFuture(AdminError.badRequest("unknown action '" + action + "'"));
        };
    done.onSuccess(message::reply)
        .onFailure(
            err -> {
              AdminError e = AdminError.from(err, action);
              message.fail(e.status(), e.getMessage());
            });
  }
}
