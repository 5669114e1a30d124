package io.stockpot.media.router;

import io.stockpot.media.webrtc.WebRtcTransport;
import java.net.InetSocketAddress;

/**
 * A room's media router, like mediasoup's Router: receives every decrypted packet of the room's
 * transports and hands it to the producer it belongs to. Runs on the room's event loop.
 */
public final class Router implements WebRtcTransport.Listener {
  private long rtpWithoutProducer;
  private long rtcpIn;

  @Override
  public void onRtp(WebRtcTransport transport, byte[] buf, int off, int len, long nowMs) {
    rtpWithoutProducer++;
  }

  @Override
  public void onRtcp(WebRtcTransport transport, byte[] buf, int off, int len, long nowMs) {
    rtcpIn++;
  }

  @Override
  public void onTupleSelected(WebRtcTransport transport, InetSocketAddress tuple) {}

  @Override
  public void onConnected(WebRtcTransport transport) {}

  public long rtpWithoutProducer() {
    return rtpWithoutProducer;
  }

  public long rtcpIn() {
    return rtcpIn;
  }
}
