package io.stockpot.peer;

/** Where a {@link MediaStream} writes its packets: a transport that protects and sends them. */
public interface RtpSink {
  /** The buffer to write the next packet into at offset 0; it has room for the SRTP tag. */
  byte[] packetBuffer();

  /** The next transport-wide sequence number (16 bits), shared by all streams of a transport. */
  int nextTransportSequence();

  /** Protects and sends {@code packetBuffer()[0, len)}. */
  void sendRtp(MediaStream stream, int len);
}
