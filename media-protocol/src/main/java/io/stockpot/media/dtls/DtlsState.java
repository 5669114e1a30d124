package io.stockpot.media.dtls;

/** Lifecycle of a {@link DtlsTransport}; CONNECTED, FAILED and CLOSED are reached at most once. */
public enum DtlsState {
  NEW,
  CONNECTING,
  CONNECTED,
  FAILED,
  CLOSED
}
