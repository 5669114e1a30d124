package io.stockpot.peer;

import io.stockpot.media.dtls.DtlsCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts N Java peers in one room against a running Stockpot (or any mediasoup-demo-compatible)
 * server, lets them send for T seconds, prints their counters. A load generator.
 *
 * <pre>
 * bin/stockpot-peer --host 127.0.0.1 --port 4443 --room load --peers 10 --seconds 30 \
 *     [--video-bps 500000] [--fps 30] [--no-audio] [--no-video] [--consume] [--loops 2]
 * </pre>
 *
 * Exits 0 when every peer got its SRTP keys and sent media, 1 otherwise, 2 on bad arguments.
 */
public final class PeerMain {
  private PeerMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a;
    try {
      a = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("PeerMain: " + e.getMessage());
      System.exit(2);
      return;
    }
    String host = a.getOrDefault("host", "127.0.0.1");
    int port = Integer.parseInt(a.getOrDefault("port", "4443"));
    String room = a.getOrDefault("room", "load");
    int peers = Integer.parseInt(a.getOrDefault("peers", "2"));
    int seconds = Integer.parseInt(a.getOrDefault("seconds", "10"));
    int videoBps = Integer.parseInt(a.getOrDefault("video-bps", "500000"));
    int fps = Integer.parseInt(a.getOrDefault("fps", "30"));
    boolean audio = !a.containsKey("no-audio");
    boolean video = !a.containsKey("no-video");
    boolean consume = a.containsKey("consume");
    int loopCount =
        Integer.parseInt(
            a.getOrDefault(
                "loops",
                String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors() / 2))));

    Vertx vertx = Vertx.vertx();
    DtlsCertificate certificate = DtlsCertificate.generate();
    List<MediaLoop> loops = new ArrayList<>();
    for (int i = 0; i < loopCount; i++) {
      loops.add(new MediaLoop("peer-media-" + i));
    }
    List<JavaPeer> started = new ArrayList<>();
    int exit = 0;
    try {
      for (int i = 0; i < peers; i++) {
        PeerOptions options =
            PeerOptions.defaults()
                .withConsume(consume)
                .withLoop(loops.get(i % loops.size()))
                .withCertificate(certificate);
        JavaPeer peer =
            JavaPeer.connect(vertx, host, port, room, "java-peer-" + i, options).await();
        started.add(peer);
        if (audio) {
          peer.produceAudio().await();
        }
        if (video) {
          peer.produceVideo(videoBps, fps, fps * 3).await();
        }
        System.out.println("joined " + peer.peerId());
      }
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(5000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        printTotals(started);
      }
      for (JavaPeer peer : started) {
        PeerStats s = peer.stats();
        System.out.println(s.summary());
        for (TransportStats t : s.transports()) {
          System.out.println("  " + t);
        }
        if (!s.mediaReady() || ((audio || video) && s.sentPackets() == 0)) {
          exit = 1;
        }
      }
    } catch (Exception e) {
      System.err.println("PeerMain: " + e);
      exit = 1;
    } finally {
      Future.join(started.stream().map(JavaPeer::close).toList()).await();
      loops.forEach(MediaLoop::close);
      vertx.close().await();
    }
    System.exit(exit);
  }

  private static void printTotals(List<JavaPeer> peers) {
    long sent = 0;
    long sentBytes = 0;
    long received = 0;
    long receivedBytes = 0;
    int ready = 0;
    for (JavaPeer p : peers) {
      PeerStats s = p.stats();
      sent += s.sentPackets();
      sentBytes += s.sentBytes();
      received += s.receivedPackets();
      receivedBytes += s.receivedBytes();
      ready += s.mediaReady() ? 1 : 0;
    }
    System.out.printf(
        "peers=%d ready=%d sent=%d pkts/%d B received=%d pkts/%d B%n",
        peers.size(), ready, sent, sentBytes, received, receivedBytes);
  }

  /** {@code --key value} pairs; flags without a value map to "true". */
  static Map<String, String> parse(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + args[i]);
      }
      String key = args[i].substring(2);
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        out.put(key, args[++i]);
      } else {
        out.put(key, "true");
      }
    }
    return out;
  }
}
