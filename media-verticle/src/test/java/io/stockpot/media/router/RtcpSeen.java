package io.stockpot.media.router;

import io.stockpot.media.rtcp.Nack;
import io.stockpot.media.rtcp.RtcpCompound;
import io.stockpot.media.rtcp.RtcpHeader;
import java.util.ArrayList;
import java.util.List;

/** What a fake transport's RTCP compounds contain, packet by packet. */
final class RtcpSeen {
  /** One RTCP packet: type, FMT/count, and its bytes' place in the compound. */
  record Packet(int type, int fmt, byte[] buf, int off, int len) {}

  private RtcpSeen() {}

  static List<Packet> packets(List<byte[]> compounds) {
    List<Packet> all = new ArrayList<>();
    RtcpCompound compound = new RtcpCompound();
    for (byte[] c : compounds) {
      if (!compound.reset(c, 0, c.length)) {
        throw new AssertionError("malformed compound");
      }
      while (compound.next()) {
        all.add(
            new Packet(
                compound.packetType(),
                compound.count(),
                c,
                compound.packetOffset(),
                compound.packetLength()));
      }
      if (compound.isMalformed()) {
        throw new AssertionError("malformed compound");
      }
    }
    return all;
  }

  static long count(List<byte[]> compounds, int type, int fmt) {
    return packets(compounds).stream().filter(p -> p.type() == type && p.fmt() == fmt).count();
  }

  /** Every sequence number NACKed, in order of the NACKs. */
  static List<Integer> nacked(List<byte[]> compounds) {
    List<Integer> seqs = new ArrayList<>();
    Nack nack = new Nack();
    int[] lost = new int[512];
    for (Packet p : packets(compounds)) {
      if (p.type() == RtcpHeader.RTPFB
          && p.fmt() == Nack.FMT
          && nack.read(p.buf(), p.off(), p.len())) {
        int n = nack.lostSequenceNumbers(lost);
        for (int i = 0; i < n; i++) {
          seqs.add(lost[i]);
        }
      }
    }
    return seqs;
  }
}
