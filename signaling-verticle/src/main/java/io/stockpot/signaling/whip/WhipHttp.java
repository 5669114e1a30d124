package io.stockpot.signaling.whip;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** HTTP details of the WHIP endpoint: CORS (RFC 9725 §4.6), media types, bearer tokens, errors. */
final class WhipHttp {
  static final String SDP = "application/sdp";
  static final String SDPFRAG = "application/trickle-ice-sdpfrag";

  private WhipHttp() {}

  /**
   * CORS for browser-based WHIP clients (RFC 9725 §4.6, Fetch's CORS protocol): any origin, since
   * the bearer token, not the origin, authorizes; the headers a client must read are exposed.
   */
  static void cors(RoutingContext ctx) {
    HttpServerResponse r = ctx.response();
    r.putHeader("Access-Control-Allow-Origin", "*");
    r.putHeader("Access-Control-Expose-Headers", "Location, ETag, Link, Accept-Patch, Accept-Post");
    if (ctx.request().method().name().equals("OPTIONS")) {
      boolean resource = ctx.pathParam("resourceId") != null;
      r.putHeader(
          "Access-Control-Allow-Methods", resource ? "PATCH, DELETE, OPTIONS" : "POST, OPTIONS");
      r.putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match");
      r.putHeader("Access-Control-Max-Age", "86400");
      r.putHeader("Allow", resource ? "PATCH, DELETE, OPTIONS" : "POST, OPTIONS");
      if (resource) {
        r.putHeader("Accept-Patch", SDPFRAG);
      } else {
        r.putHeader("Accept-Post", SDP);
      }
      r.setStatusCode(204).end();
      return;
    }
    ctx.next();
  }

  /** The media type of a Content-Type header, lower case, without parameters; "" if absent. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /** The token of {@code Authorization: Bearer <token>} (RFC 6750 §2.1), or null. */
  static String bearer(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    if (h == null || h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = h.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  /** Answers an error: the status, a one-line plain-text reason. */
  static void error(RoutingContext ctx, int status, String reason) {
    HttpServerResponse r = ctx.response();
    if (r.ended()) {
      return;
    }
    if (status == 401) {
      // RFC 6750 §3: tell the client which scheme to use.
      r.putHeader("WWW-Authenticate", "Bearer realm=\"stockpot\"");
    }
    r.setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(reason + "\n");
  }
}
