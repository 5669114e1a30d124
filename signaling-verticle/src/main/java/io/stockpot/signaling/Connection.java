package io.stockpot.signaling;

/** A browser's signaling connection, whatever carries it (SockJS or a protoo WebSocket). */
interface Connection {
  void send(String text);

  void close(int code, String reason);

  /** "sockjs" or "websocket", for logs. */
  String transport();
}
