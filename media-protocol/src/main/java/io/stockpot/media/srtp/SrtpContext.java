package io.stockpot.media.srtp;

/**
 * One direction of SRTP keying: the session keys derived from one master key and salt, and the
 * per-SSRC indexes that go with them. In DTLS-SRTP each side has two: one under its own write key
 * for {@link #protectRtp}/{@link #protectRtcp} and one under the peer's write key for {@link
 * #unprotectRtp}/{@link #unprotectRtcp} (see {@link SrtpSession}). Sending and receiving state are
 * kept apart, so one context may also do both (as the tests do).
 *
 * <p>All operations work in place on {@code buf[off, off + len)} and return the new length, or a
 * negative {@link SrtpStatus}; they never throw for bad packets and allocate nothing once a
 * stream's state exists (the GCM profile excepted, inside JCE). Protecting needs room for {@link
 * SrtpProfile#rtpOverhead()} or {@link SrtpProfile#rtcpOverhead()} bytes past {@code len}.
 *
 * <p>Receive state (rollover counter, highest index, replay window) is created and updated only
 * after a packet authenticates, so forged packets can neither advance the ROC nor make the context
 * allocate. Not thread-safe: use a context from one thread.
 */
public final class SrtpContext {
  private final SrtpProfile profile;
  private final SrtpTransform transform;
  private final SsrcMap sentRtp = new SsrcMap();
  private final SsrcMap receivedRtp = new SsrcMap();
  private final SsrcMap sentRtcp = new SsrcMap();
  private final SsrcMap receivedRtcp = new SsrcMap();

  /**
   * Derives the session keys from a master key and salt, as DTLS-SRTP exports them.
   *
   * @throws IllegalArgumentException if their lengths do not suit {@code profile}
   */
  public SrtpContext(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    this(SessionKeys.derive(profile, masterKey, masterSalt));
  }

  /** Uses session keys as given, skipping derivation (RFC 7714 states its vectors so). */
  SrtpContext(SessionKeys keys) {
    this.profile = keys.profile();
    this.transform = SrtpTransform.create(keys);
  }

  public SrtpProfile profile() {
    return profile;
  }

  /** Encrypts an RTP packet and appends its tag. */
  public int protectRtp(byte[] buf, int off, int len) {
    int headerLen = rtpHeaderLength(buf, off, len, 0, profile.rtpOverhead());
    if (headerLen < 0) {
      return headerLen;
    }
    int ssrc = readInt(buf, off + 8);
    SrtpStream stream = sentRtp.get(ssrc);
    if (stream == null) {
      stream = new SrtpStream(ssrc, -1, false);
      sentRtp.add(stream);
    }
    long index = SrtpStream.estimateRtpIndex(stream.highest, readSeq(buf, off));
    if (index < 0) {
      return SrtpStatus.TOO_OLD;
    }
    int n = transform.protectRtp(buf, off, len, headerLen, ssrc, index);
    if (n >= 0 && index > stream.highest) {
      stream.highest = index;
    }
    return n;
  }

  /** Authenticates, replay-checks and decrypts an SRTP packet, removing its tag. */
  public int unprotectRtp(byte[] buf, int off, int len) {
    int headerLen = rtpHeaderLength(buf, off, len, profile.tagLength(), 0);
    if (headerLen < 0) {
      return headerLen;
    }
    int ssrc = readInt(buf, off + 8);
    SrtpStream stream = receivedRtp.get(ssrc);
    long index =
        SrtpStream.estimateRtpIndex(stream == null ? -1 : stream.highest, readSeq(buf, off));
    if (index < 0) {
      return SrtpStatus.TOO_OLD;
    }
    if (stream != null) {
      int replay = stream.check(index);
      if (replay != 0) {
        return replay;
      }
    }
    int n = transform.unprotectRtp(buf, off, len, headerLen, ssrc, index);
    if (n < 0) {
      return n;
    }
    if (stream == null) {
      stream = new SrtpStream(ssrc, -1, true);
      receivedRtp.add(stream);
    }
    stream.accept(index);
    return n;
  }

  /** Encrypts an RTCP (compound) packet, appending the E flag, SRTCP index and tag. */
  public int protectRtcp(byte[] buf, int off, int len) {
    int status = rtcpCheck(buf, off, len, 8, profile.rtcpOverhead());
    if (status < 0) {
      return status;
    }
    int ssrc = readInt(buf, off + 4);
    SrtpStream stream = sentRtcp.get(ssrc);
    if (stream == null) {
      // The first SRTCP index sent is 1, as in libsrtp.
      stream = new SrtpStream(ssrc, 0, false);
      sentRtcp.add(stream);
    }
    int index = (int) (stream.highest + 1) & 0x7FFFFFFF;
    int n = transform.protectRtcp(buf, off, len, ssrc, index);
    if (n >= 0) {
      stream.highest = index;
    }
    return n;
  }

  /** Authenticates, replay-checks and (if its E flag says so) decrypts an SRTCP packet. */
  public int unprotectRtcp(byte[] buf, int off, int len) {
    int overhead = profile.rtcpOverhead();
    int status = rtcpCheck(buf, off, len, 8 + overhead, 0);
    if (status < 0) {
      return status;
    }
    int ssrc = readInt(buf, off + 4);
    // The E+index word precedes the tag with HMAC and follows it with GCM.
    int word = readInt(buf, off + len - (profile.isAead() ? 4 : overhead));
    long index = word & 0x7FFFFFFF;
    SrtpStream stream = receivedRtcp.get(ssrc);
    if (stream != null) {
      int replay = stream.check(index);
      if (replay != 0) {
        return replay;
      }
    }
    int n = transform.unprotectRtcp(buf, off, len, ssrc, word);
    if (n < 0) {
      return n;
    }
    if (stream == null) {
      stream = new SrtpStream(ssrc, -1, true);
      receivedRtcp.add(stream);
    }
    stream.accept(index);
    return n;
  }

  /** Drops all state kept for {@code ssrc}, for when its stream has ended. */
  public void forget(int ssrc) {
    sentRtp.remove(ssrc);
    receivedRtp.remove(ssrc);
    sentRtcp.remove(ssrc);
    receivedRtcp.remove(ssrc);
  }

  /** Number of SSRCs with receive state, RTP and RTCP together (for tests and metrics). */
  public int receiveStreamCount() {
    return receivedRtp.size() + receivedRtcp.size();
  }

  /**
   * The RTP header length (fixed part, CSRCs, extension), or a negative status if the packet cannot
   * hold it plus {@code trailer} bytes, or {@code buf} has no {@code room} past it.
   */
  private static int rtpHeaderLength(byte[] buf, int off, int len, int trailer, int room) {
    if (!inBounds(buf, off, len, room)) {
      return SrtpStatus.NO_ROOM;
    }
    if (len < 12 + trailer) {
      return SrtpStatus.TOO_SHORT;
    }
    int b0 = buf[off] & 0xFF;
    if (b0 >>> 6 != 2) {
      return SrtpStatus.BAD_HEADER;
    }
    int headerLen = 12 + 4 * (b0 & 0x0F);
    if ((b0 & 0x10) != 0) {
      if (headerLen + 4 > len - trailer) {
        return SrtpStatus.BAD_HEADER;
      }
      int words = ((buf[off + headerLen + 2] & 0xFF) << 8) | (buf[off + headerLen + 3] & 0xFF);
      headerLen += 4 + 4 * words;
    }
    return headerLen > len - trailer ? SrtpStatus.BAD_HEADER : headerLen;
  }

  private static int rtcpCheck(byte[] buf, int off, int len, int minLen, int room) {
    if (!inBounds(buf, off, len, room)) {
      return SrtpStatus.NO_ROOM;
    }
    if (len < minLen) {
      return SrtpStatus.TOO_SHORT;
    }
    return (buf[off] & 0xFF) >>> 6 != 2 ? SrtpStatus.BAD_HEADER : 0;
  }

  private static boolean inBounds(byte[] buf, int off, int len, int room) {
    return buf != null && off >= 0 && len >= 0 && (long) off + len + room <= buf.length;
  }

  private static int readSeq(byte[] b, int off) {
    return ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
  }

  private static int readInt(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24)
        | ((b[off + 1] & 0xFF) << 16)
        | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }
}
