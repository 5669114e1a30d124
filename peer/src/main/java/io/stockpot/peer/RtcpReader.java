package io.stockpot.peer;

/**
 * Walks a received (already unprotected) compound RTCP packet, counts its packets by type and
 * reports key frame requests. Bounds-checked throughout: malformed input is counted, never thrown.
 */
public final class RtcpReader {
  /** Told about PLI and FIR aimed at one of our SSRCs. */
  @FunctionalInterface
  public interface KeyFrameRequests {
    void onKeyFrameRequest(int mediaSsrc);
  }

  private RtcpReader() {}

  /** Counts the packets of the compound at {@code buf[off, off + len)}; answers how many. */
  public static int read(
      byte[] buf, int off, int len, RtcpCounters counters, KeyFrameRequests keyFrames) {
    int end = off + len;
    if (buf == null || off < 0 || len < 0 || end > buf.length || end < off) {
      counters.add(RtcpCounters.Kind.MALFORMED);
      return 0;
    }
    int count = 0;
    int p = off;
    while (p < end) {
      if (end - p < 4 || (buf[p] & 0xC0) != 0x80) {
        counters.add(RtcpCounters.Kind.MALFORMED);
        return count;
      }
      int fmt = buf[p] & 0x1F;
      int type = buf[p + 1] & 0xFF;
      int size = 4 * (((buf[p + 2] & 0xFF) << 8 | (buf[p + 3] & 0xFF)) + 1);
      if (size > end - p) {
        counters.add(RtcpCounters.Kind.MALFORMED);
        return count;
      }
      counters.add(kind(type, fmt));
      if (type == 206 && size >= 12 && keyFrames != null) {
        if (fmt == 1) {
          keyFrames.onKeyFrameRequest(RtpWriter.readInt(buf, p + 8));
        } else if (fmt == 4) {
          // FIR: the FCI entries (SSRC, seq, reserved) name the streams, not the header.
          for (int e = p + 12; e + 8 <= p + size; e += 8) {
            keyFrames.onKeyFrameRequest(RtpWriter.readInt(buf, e));
          }
        }
      }
      count++;
      p += size;
    }
    return count;
  }

  static RtcpCounters.Kind kind(int type, int fmt) {
    return switch (type) {
      case 200 -> RtcpCounters.Kind.SR;
      case 201 -> RtcpCounters.Kind.RR;
      case 202 -> RtcpCounters.Kind.SDES;
      case 203 -> RtcpCounters.Kind.BYE;
      case 204 -> RtcpCounters.Kind.APP;
      case 205 ->
          fmt == 1
              ? RtcpCounters.Kind.NACK
              : fmt == 15 ? RtcpCounters.Kind.TRANSPORT_CC : RtcpCounters.Kind.RTPFB_OTHER;
      case 206 ->
          switch (fmt) {
            case 1 -> RtcpCounters.Kind.PLI;
            case 4 -> RtcpCounters.Kind.FIR;
            case 15 -> RtcpCounters.Kind.REMB;
            default -> RtcpCounters.Kind.PSFB_OTHER;
          };
      case 207 -> RtcpCounters.Kind.XR;
      default -> RtcpCounters.Kind.OTHER;
    };
  }
}
