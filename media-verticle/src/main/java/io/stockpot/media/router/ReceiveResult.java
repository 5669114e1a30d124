package io.stockpot.media.router;

/**
 * What {@link Producer#receive} made of a packet: media or a repair (both forwarded), or discarded
 * for a {@link DropReason}. One mutable instance per producer, reused for every packet, so the
 * receive path allocates nothing; read it before the next packet.
 */
public final class ReceiveResult {
  /** The outcome's kind. */
  public enum Kind {
    /** A media packet, accounted in its stream. */
    MEDIA,
    /** A repair unwrapped from RTX (RFC 4588), now in the original packet's shape. */
    RETRANSMISSION,
    /** Not to be forwarded; see {@link #dropReason()}. */
    DISCARDED
  }

  private Kind kind;
  private int encoding;
  private int length;
  private DropReason dropReason;

  ReceiveResult media(Kind kind, int encoding, int length) {
    this.kind = kind;
    this.encoding = encoding;
    this.length = length;
    this.dropReason = null;
    return this;
  }

  ReceiveResult discarded(DropReason reason) {
    this.kind = Kind.DISCARDED;
    this.encoding = -1;
    this.length = 0;
    this.dropReason = reason;
    return this;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the packet goes on to the consumers. */
  public boolean forwardable() {
    return kind != Kind.DISCARDED;
  }

  /** The encoding (stream index) the packet belongs to, -1 when discarded. */
  public int encoding() {
    return encoding;
  }

  /** The packet's length in bytes after unwrapping (RTX loses its 2-byte OSN). */
  public int length() {
    return length;
  }

  /** Why it was discarded, null otherwise. */
  public DropReason dropReason() {
    return dropReason;
  }
}
