package io.stockpot.signaling;

/** A browser's signaling connection, whatever carries it (SockJS or a protoo WebSocket). */
interface Connection {
  void send(String text);

  void close(int code, String reason);

  /** "sockjs" or "websocket", for logs. */
  String transport();

  /** Whether {@link #ping()} makes the client answer by itself (a WebSocket's pong). */
  default boolean answersPings() {
    return false;
  }

  /** Asks for a sign of life, where the transport has a way to. */
  default void ping() {}
}
