package io.stockpot.media.dtls;

/**
 * Where a {@link DtlsTransport} puts outgoing DTLS datagrams. Called on the transport's handshake
 * thread, never on the caller's event loop: implementations hop to their own thread. The array is a
 * fresh copy the implementation may keep.
 */
@FunctionalInterface
public interface DatagramSender {
  void send(byte[] data, int off, int len);
}
