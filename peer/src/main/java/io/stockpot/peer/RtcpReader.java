package io.stockpot.peer;

import io.stockpot.media.rtcp.Fir;
import io.stockpot.media.rtcp.Nack;
import io.stockpot.media.rtcp.Pli;
import io.stockpot.media.rtcp.Remb;
import io.stockpot.media.rtcp.RtcpHeader;
import io.stockpot.media.rtcp.TransportCc;
import io.stockpot.media.wire.Bytes;

/**
 * Walks a received (already unprotected) compound RTCP packet, counts its packets by type and
 * reports key frame requests. Bounds-checked throughout: malformed input is counted, never thrown.
 * Header fields, packet types and feedback formats are the server's own ({@link RtcpHeader}).
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
      if (end - p < RtcpHeader.HEADER_LENGTH || RtcpHeader.version(buf, p) != 2) {
        counters.add(RtcpCounters.Kind.MALFORMED);
        return count;
      }
      int fmt = RtcpHeader.count(buf, p);
      int type = RtcpHeader.packetType(buf, p);
      int size = RtcpHeader.packetLength(buf, p);
      if (size > end - p) {
        counters.add(RtcpCounters.Kind.MALFORMED);
        return count;
      }
      counters.add(kind(type, fmt));
      if (type == RtcpHeader.PSFB && size >= Pli.LENGTH && keyFrames != null) {
        if (fmt == Pli.FMT) {
          keyFrames.onKeyFrameRequest((int) Bytes.readUint32(buf, p + 8));
        } else if (fmt == Fir.FMT) {
          // FIR: the FCI entries (SSRC, seq, reserved) name the streams, not the header.
          // The FCI starts after the common feedback header, as long as PLI's whole packet.
          for (int e = p + Pli.LENGTH; e + Fir.ENTRY_LENGTH <= p + size; e += Fir.ENTRY_LENGTH) {
            keyFrames.onKeyFrameRequest((int) Bytes.readUint32(buf, e));
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
      case RtcpHeader.SR -> RtcpCounters.Kind.SR;
      case RtcpHeader.RR -> RtcpCounters.Kind.RR;
      case RtcpHeader.SDES -> RtcpCounters.Kind.SDES;
      case RtcpHeader.BYE -> RtcpCounters.Kind.BYE;
      case RtcpHeader.APP -> RtcpCounters.Kind.APP;
      case RtcpHeader.RTPFB ->
          fmt == Nack.FMT
              ? RtcpCounters.Kind.NACK
              : fmt == TransportCc.FMT
                  ? RtcpCounters.Kind.TRANSPORT_CC
                  : RtcpCounters.Kind.RTPFB_OTHER;
      case RtcpHeader.PSFB ->
          switch (fmt) {
            case Pli.FMT -> RtcpCounters.Kind.PLI;
            case Fir.FMT -> RtcpCounters.Kind.FIR;
            case Remb.FMT -> RtcpCounters.Kind.REMB;
            default -> RtcpCounters.Kind.PSFB_OTHER;
          };
      case RtcpHeader.XR -> RtcpCounters.Kind.XR;
      default -> RtcpCounters.Kind.OTHER;
    };
  }
}
