package io.stockpot.media.room;

import io.stockpot.media.webrtc.WebRtcTransport;

/** What a room's state needs from the verticle that hosts it: ports, certificates, a clock. */
public interface RoomServices {
  /** Creates a transport on one of the room's UDP ports; its datagrams reach {@code listener}. */
  WebRtcTransport createTransport(String id, WebRtcTransport.Listener listener);

  /** Stops routing datagrams to a transport and closes it. */
  void closeTransport(WebRtcTransport transport);

  /** The transport's ICE credentials changed (restart): route its new ufrag too. */
  void transportRestarted(WebRtcTransport transport);

  long nowMs();

  /** Runs {@code task} on the room's loop after {@code delayMs}. */
  void setTimer(long delayMs, Runnable task);
}
