package io.stockpot.signaling;

import io.stockpot.registry.Addresses;
import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.Methods;
import io.stockpot.registry.RequestException;
import io.stockpot.registry.RoomLocation;
import io.stockpot.registry.RoomMessages;
import io.stockpot.registry.RoomRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.logging.Logger;

/**
 * Sends requests to room verticles over the event bus. A room that is not open anywhere (no handler
 * for its address, or closing) is placed through the registry and opened on its media node, then
 * the request is sent again.
 */
public final class RoomClient {
  private static final Logger LOG = Logger.getLogger(RoomClient.class.getName());
  private static final int ATTEMPTS = 4;
  private static final long REQUEST_TIMEOUT_MS = 10_000;
  private static final long RETRY_DELAY_MS = 100;

  private final Vertx vertx;
  private final String nodeId;
  private final RoomRegistry registry;
  private final SignalingStats stats;
  private final DeliveryOptions options = new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS);

  RoomClient(Vertx vertx, String nodeId, RoomRegistry registry, SignalingStats stats) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.registry = registry;
    this.stats = stats;
  }

  public Future<Object> request(String roomId, JsonObject body) {
    return request(roomId, body, true);
  }

  /**
   * @param openIfMissing whether a room that is open nowhere should be placed and opened for this
   *     request (not for a departing peer's notice)
   */
  public Future<Object> request(String roomId, JsonObject body, boolean openIfMissing) {
    body.put(RoomMessages.SIGNALING_NODE, nodeId);
    return attempt(roomId, body, openIfMissing, ATTEMPTS);
  }

  private Future<Object> attempt(
      String roomId, JsonObject body, boolean openIfMissing, int attemptsLeft) {
    return vertx
        .eventBus()
        .<Object>request(Addresses.room(roomId), body, options)
        .map(reply -> reply.body())
        .recover(
            err -> {
              if (!roomMissing(err)) {
                return Future.failedFuture(translate(err));
              }
              if (!openIfMissing) {
                return Future.failedFuture(
                    new RequestException(ErrorCodes.NOT_FOUND, "room " + roomId + " is not open"));
              }
              long delay = attemptsLeft == ATTEMPTS ? 0 : RETRY_DELAY_MS;
              return delay(delay)
                  .compose(v -> open(roomId))
                  .transform(
                      opened -> {
                        if (attemptsLeft > 1) {
                          return attempt(roomId, body, true, attemptsLeft - 1);
                        }
                        // Out of attempts: say why the room could not be opened, if we know.
                        return Future.failedFuture(
                            opened.failed()
                                ? opened.cause()
                                : new RequestException(
                                    ErrorCodes.UNAVAILABLE,
                                    "room " + roomId + " could not be opened"));
                      });
            });
  }

  private Future<Void> delay(long ms) {
    if (ms <= 0) {
      return Future.succeededFuture();
    }
    return Future.future(p -> vertx.setTimer(ms, id -> p.complete()));
  }

  /** Places the room (if it has no live node) and asks that node to open it. */
  private Future<Void> open(String roomId) {
    long started = System.nanoTime();
    return registry
        .place(roomId)
        .compose(
            (RoomLocation location) ->
                vertx
                    .eventBus()
                    .<JsonObject>request(
                        Addresses.mediaNode(location.nodeId()),
                        new JsonObject()
                            .put(RoomMessages.METHOD, Methods.OPEN_ROOM)
                            .put(RoomMessages.ROOM_ID, roomId),
                        options)
                    .onSuccess(
                        reply -> {
                          stats.roomPlacements++;
                          LOG.info(
                              () ->
                                  "room "
                                      + roomId
                                      + " placed on "
                                      + location.nodeId()
                                      + " in "
                                      + (System.nanoTime() - started) / 1_000_000
                                      + " ms");
                        }))
        .recover(err -> Future.failedFuture(translate(err)))
        .mapEmpty();
  }

  private static boolean roomMissing(Throwable err) {
    return err instanceof ReplyException re
        && (re.failureType() == ReplyFailure.NO_HANDLERS
            || (re.failureType() == ReplyFailure.RECIPIENT_FAILURE
                && re.failureCode() == ErrorCodes.ROOM_GONE));
  }

  static Throwable translate(Throwable err) {
    if (err instanceof RequestException) {
      return err;
    }
    if (err instanceof ReplyException re) {
      return switch (re.failureType()) {
        case RECIPIENT_FAILURE -> new RequestException(re.failureCode(), re.getMessage());
        case TIMEOUT -> new RequestException(ErrorCodes.TIMEOUT, "room did not answer in time");
        default -> new RequestException(ErrorCodes.UNAVAILABLE, "room unavailable");
      };
    }
    return new RequestException(ErrorCodes.INTERNAL, String.valueOf(err.getMessage()));
  }
}
