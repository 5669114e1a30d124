package io.stockpot.media.ortc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The router's media codecs, as mediasoup-demo configures them: opus, VP8, VP9, two H264s. */
public final class MediaCodecs {
  private MediaCodecs() {}

  public static JsonArray defaults() {
    return new JsonArray()
        .add(
            new JsonObject()
                .put("kind", "audio")
                .put("mimeType", "audio/opus")
                .put("clockRate", 48000)
                .put("channels", 2))
        .add(video("video/VP8", new JsonObject()))
        .add(video("video/VP9", new JsonObject().put("profile-id", 2)))
        .add(
            video(
                "video/H264",
                new JsonObject()
                    .put("packetization-mode", 1)
                    .put("profile-level-id", "4d0032")
                    .put("level-asymmetry-allowed", 1)))
        .add(
            video(
                "video/H264",
                new JsonObject()
                    .put("packetization-mode", 1)
                    .put("profile-level-id", "42e01f")
                    .put("level-asymmetry-allowed", 1)));
  }

  private static JsonObject video(String mimeType, JsonObject parameters) {
    return new JsonObject()
        .put("kind", "video")
        .put("mimeType", mimeType)
        .put("clockRate", 90000)
        .put("parameters", parameters.put("x-google-start-bitrate", 1000));
  }
}
