package io.stockpot.media.ortc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds a router's RTP capabilities from its media codecs, in mediasoup's shape: each codec gets a
 * preferred payload type and its RTCP feedback, and every video codec is followed by its RTX.
 */
public final class RouterCapabilities {
  private RouterCapabilities() {}

  public static JsonObject build(JsonArray mediaCodecs) {
    Deque<Integer> payloadTypes = dynamicPayloadTypes();
    JsonArray codecs = new JsonArray();
    for (Object o : mediaCodecs) {
      JsonObject in = (JsonObject) o;
      String kind = in.getString("kind");
      JsonObject codec =
          new JsonObject()
              .put("kind", kind)
              .put("mimeType", in.getString("mimeType"))
              .put("preferredPayloadType", payloadTypes.removeFirst())
              .put("clockRate", in.getInteger("clockRate"));
      if ("audio".equals(kind)) {
        codec.put("channels", in.getInteger("channels", 1));
      }
      codec.put("parameters", in.getJsonObject("parameters", new JsonObject()).copy());
      codec.put("rtcpFeedback", feedback(kind));
      codecs.add(codec);
      if ("video".equals(kind)) {
        codecs.add(
            new JsonObject()
                .put("kind", "video")
                .put("mimeType", "video/rtx")
                .put("preferredPayloadType", payloadTypes.removeFirst())
                .put("clockRate", codec.getInteger("clockRate"))
                .put(
                    "parameters",
                    new JsonObject().put("apt", codec.getInteger("preferredPayloadType")))
                .put("rtcpFeedback", new JsonArray()));
      }
    }
    return new JsonObject()
        .put("codecs", codecs)
        .put("headerExtensions", HeaderExtensions.routerExtensions());
  }

  /** mediasoup hands out 100–127 first, then 96–99. */
  private static Deque<Integer> dynamicPayloadTypes() {
    Deque<Integer> pts = new ArrayDeque<>();
    for (int pt = 100; pt <= 127; pt++) {
      pts.add(pt);
    }
    for (int pt = 96; pt <= 99; pt++) {
      pts.add(pt);
    }
    return pts;
  }

  private static JsonArray feedback(String kind) {
    JsonArray fb = new JsonArray();
    if ("audio".equals(kind)) {
      fb.add(fb("nack", "")).add(fb("transport-cc", ""));
    } else {
      fb.add(fb("nack", ""))
          .add(fb("nack", "pli"))
          .add(fb("ccm", "fir"))
          .add(fb("goog-remb", ""))
          .add(fb("transport-cc", ""));
    }
    return fb;
  }

  private static JsonObject fb(String type, String parameter) {
    return new JsonObject().put("type", type).put("parameter", parameter);
  }
}
