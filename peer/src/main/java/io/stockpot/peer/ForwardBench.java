package io.stockpot.peer;

import io.stockpot.media.dtls.SrtpKeyMaterial;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The forwarding benchmark: one Java peer produces video into a room, N Java peers consume it, all
 * over real UDP. Reads the room's counters from the server's {@code /health} before and after a
 * measured window and prints forwarded packets per second, per CPU-second of the room's event loop,
 * heap bytes allocated per packet on that loop, and the latency the SFU adds (p50/p99, from send
 * stamps in the packets; peers share this JVM's clock).
 *
 * <pre>
 * bin/stockpot-peer forward-bench --port 8080 --consumers 20 --video-bps 1500000 --seconds 20 [--srtp gcm|aes-cm]
 * </pre>
 */
public final class ForwardBench {
  private ForwardBench() {}

  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 8080;
    int consumers = 10;
    int videoBps = 1_500_000;
    int seconds = 20;
    int warmup = 5;
    int[] srtpProfiles = null;
    for (int i = 0; i < args.length; i += 2) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--host" -> host = v;
        case "--port" -> port = Integer.parseInt(v);
        case "--consumers" -> consumers = Integer.parseInt(v);
        case "--video-bps" -> videoBps = Integer.parseInt(v);
        case "--seconds" -> seconds = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--srtp" ->
            srtpProfiles =
                switch (v) {
                  case "gcm" -> new int[] {SrtpKeyMaterial.AEAD_AES_128_GCM};
                  case "aes-cm" -> new int[] {SrtpKeyMaterial.AES128_CM_HMAC_SHA1_80};
                  default -> throw new IllegalArgumentException("--srtp gcm|aes-cm");
                };
        default -> {
          System.err.println("unknown flag " + args[i]);
          System.exit(2);
        }
      }
    }
    Vertx vertx = Vertx.vertx();
    String room = "bench-" + System.currentTimeMillis();
    List<JavaPeer> peers = new ArrayList<>();
    MediaLoop loop = new MediaLoop("bench-media");
    PeerOptions options = PeerOptions.defaults().withLoop(loop).withSrtpProfiles(srtpProfiles);
    JavaPeer producer = JavaPeer.connect(vertx, host, port, room, "producer", options).await();
    peers.add(producer);
    producer.produceVideo(videoBps).await();
    for (int i = 0; i < consumers; i++) {
      peers.add(
          JavaPeer.connect(vertx, host, port, room, "consumer-" + i, options.withConsume(true))
              .await());
    }
    Thread.sleep(warmup * 1000L);
    JsonObject before = roomStatus(host, port, room);
    long received0 = received(peers);
    LatencyHistogram.SHARED.reset();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long elapsedNs = System.nanoTime() - t0;
    JsonObject after = roomStatus(host, port, room);
    long received1 = received(peers);

    double secs = elapsedNs / 1e9;
    long forwarded =
        after.getJsonObject("router").getLong("rtpForwarded")
            - before.getJsonObject("router").getLong("rtpForwarded");
    long cpu =
        after.getJsonObject("loopThread").getLong("cpuNanos", 0L)
            - before.getJsonObject("loopThread").getLong("cpuNanos", 0L);
    long alloc =
        after.getJsonObject("loopThread").getLong("allocatedBytes", 0L)
            - before.getJsonObject("loopThread").getLong("allocatedBytes", 0L);
    long inbound = forwarded / Math.max(1, consumers);
    System.out.printf(
        "consumers %d, video %d bps: forwarded %.0f pkt/s (%d in %.1f s); received by peers %.0f"
            + " pkt/s%n",
        consumers, videoBps, forwarded / secs, forwarded, secs, (received1 - received0) / secs);
    System.out.printf(
        "room event loop: %.1f %% of a core, %.0f forwarded pkt per CPU-second, %.1f bytes"
            + " allocated per forwarded packet (%.1f per packet handled)%n",
        100.0 * cpu / elapsedNs,
        cpu == 0 ? Double.NaN : forwarded / (cpu / 1e9),
        forwarded == 0 ? Double.NaN : (double) alloc / forwarded,
        (double) alloc / Math.max(1, forwarded + inbound));
    System.out.printf(
        "added latency (send stamp to consumer receive, %d samples): p50 %.0f us, p99 %.0f us%n",
        LatencyHistogram.SHARED.count(),
        LatencyHistogram.SHARED.percentileMicros(0.50),
        LatencyHistogram.SHARED.percentileMicros(0.99));
    List<Future<Void>> closes = new ArrayList<>();
    peers.forEach(p -> closes.add(p.close()));
    Future.join(new ArrayList<>(closes)).await();
    loop.close();
    vertx.close().await();
  }

  private static long received(List<JavaPeer> peers) {
    long n = 0;
    for (JavaPeer p : peers) {
      n += p.stats().receivedPackets();
    }
    return n;
  }

  private static JsonObject roomStatus(String host, int port, String room) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonArray rooms = new JsonObject(r.body()).getJsonArray("rooms");
    for (Object o : rooms) {
      if (room.equals(((JsonObject) o).getString("roomId"))) {
        return (JsonObject) o;
      }
    }
    throw new IllegalStateException("room " + room + " not on that node: " + r.body());
  }
}
