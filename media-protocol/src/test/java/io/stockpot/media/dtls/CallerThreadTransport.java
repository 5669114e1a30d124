package io.stockpot.media.dtls;

import org.bouncycastle.tls.DatagramTransport;

/**
 * A {@link DatagramTransport} for driving BouncyCastle's DTLS protocols on the calling thread in
 * tests: the limits of {@link DtlsQueueTransport}, nothing to close; subclasses say what is
 * received and where sends go.
 */
abstract class CallerThreadTransport implements DatagramTransport {
  @Override
  public int getReceiveLimit() {
    return DtlsQueueTransport.RECEIVE_LIMIT;
  }

  @Override
  public int getSendLimit() {
    return DtlsOptions.defaults().mtu();
  }

  @Override
  public void close() {}
}
