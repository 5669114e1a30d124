package io.stockpot.signaling.admin;

import io.stockpot.registry.ErrorCodes;
import io.stockpot.registry.RequestException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/** An admin operation's failure with its HTTP status and a short machine-readable name. */
final class AdminError extends RuntimeException {
  private final int status;
  private final String error;

  AdminError(int status, String error, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  static AdminError notFound(String message) {
    return new AdminError(404, "not_found", message);
  }

  static AdminError badRequest(String message) {
    return new AdminError(400, "bad_request", message);
  }

  /**
   * Maps an event-bus failure: nobody listening on a room's or node's address means it does not
   * exist (404); a timeout is 504; a coded failure keeps its code.
   */
  static AdminError from(Throwable err, String what) {
    if (err instanceof AdminError e) {
      return e;
    }
    if (err instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.NO_HANDLERS) {
        return notFound(what + " not found");
      }
      if (re.failureType() == ReplyFailure.TIMEOUT) {
        return new AdminError(504, "timeout", what + " did not answer");
      }
      return of(re.failureCode(), re.getMessage());
    }
    if (err instanceof RequestException re) {
      return of(re.code(), re.getMessage());
    }
    return new AdminError(500, "internal", String.valueOf(err.getMessage()));
  }

  private static AdminError of(int code, String message) {
    return switch (code) {
      case ErrorCodes.NOT_FOUND, ErrorCodes.ROOM_GONE -> notFound(message);
      case ErrorCodes.BAD_REQUEST -> badRequest(message);
      case ErrorCodes.UNAVAILABLE -> new AdminError(503, "unavailable", message);
      default -> new AdminError(500, "internal", message);
    };
  }
}
