package io.stockpot.media.rtcp;

import static io.stockpot.media.rtp.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Transport-wide CC feedback against the chunk examples of
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.3/§3.1.4 and against feedback packets as
 * Chrome sends them (padding with the P bit), whose decoding is published with pion's and
 * webrtc-rs's RTCP tests.
 */
class RtcpRfcTest {
  /** 7 packets, one run-length chunk (received, small delta), deltas 76 36 36 16 12 12 16. */
  static final byte[] CHROME_RUN_LENGTH =
      hex(
          """
          af cd 00 07 fa 17 fa 17 19 3d d8 bb 00 04 00 07 10 63 6e 01
          20 07 4c 24 24 10 0c 0c 10 00 00 03
          """);

  /** 9 packets: a two-bit vector (5 small, 1 lost, 1 large), then a run of 48 lost (2 used). */
  static final byte[] CHROME_TWO_CHUNK_TYPES =
      hex(
          """
          af cd 00 07 9b 74 f6 1f 93 71 dc bc 85 3c 00 09 63 f9 16 b3
          d5 52 00 30 9b aa 6a aa 7b 01 09 01
          """);

  private final TransportCc fb = new TransportCc();

  @Test
  void draftChunkExamplesEncode() {
    StatusChunkEncoder encoder = new StatusChunkEncoder(8);
    // §3.1.3 example 1: a run of 221 "not received".
    for (int i = 0; i < 221; i++) {
      encoder.add(TransportCc.STATUS_NOT_RECEIVED);
    }
    encoder.finish();
    assertEquals(1, encoder.chunkCount());
    assertEquals(0x00DD, encoder.chunk(0));
    // §3.1.4 example 1: a one-bit vector of 14 statuses.
    encoder.reset();
    for (int s : new int[] {0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0}) {
      encoder.add(s);
    }
    encoder.finish();
    assertEquals(1, encoder.chunkCount());
    assertEquals(0x9F1C, encoder.chunk(0));
  }

  @Test
  void draftChunkExamplesDecode() {
    // The two examples inside one packet: 221 lost then 14 from the one-bit vector (8 received).
    byte[] packet =
        hex(
            "8f cd 00 07 00 00 00 01 00 00 00 02 00 0a 00 eb 00 00 00 05 00 dd 9f 1c 01 02 03 04"
                + "05 06 07 08");
    assertTrue(fb.read(packet, 0, packet.length));
    assertEquals(2, fb.chunkCount());
    int received = 0;
    int index = 0;
    while (fb.nextEntry()) {
      boolean expected = index >= 221 && "01111100011100".charAt(index - 221) == '1';
      assertEquals(expected, fb.entryReceived(), "packet " + index);
      if (expected) {
        received++;
        assertEquals(received, fb.entryDeltaTicks());
      }
      index++;
    }
    assertEquals(235, index);
    assertEquals(8, received);
  }

  @Test
  void draftSecondExamplesUseTheSymbolDraft01Reserves() {
    // §3.1.3 example 2 (0x6018) and §3.1.4 example 2 (0xCD50) carry symbol 11, which draft-01
    // reserves; Stockpot, like libwebrtc, refuses such feedback.
    for (int chunk : new int[] {0x6018, 0xCD50}) {
      byte[] packet =
          hex("8f cd 00 05 00 00 00 01 00 00 00 02 00 00 00 07 00 00 00 00 00 00 00 00");
      packet[20] = (byte) (chunk >>> 8);
      packet[21] = (byte) chunk;
      assertFalse(fb.read(packet, 0, packet.length));
    }
  }

  @Test
  void chromeRunLengthPacketParses() {
    assertTrue(fb.read(CHROME_RUN_LENGTH, 0, CHROME_RUN_LENGTH.length));
    assertEquals(4195875351L, fb.senderSsrc());
    assertEquals(423483579L, fb.mediaSsrc());
    assertEquals(4, fb.baseSequenceNumber());
    assertEquals(7, fb.packetStatusCount());
    assertEquals(1074030, fb.referenceTime());
    assertEquals(1, fb.feedbackPacketCount());
    int[] deltasUs = {19000, 9000, 9000, 4000, 3000, 3000, 4000};
    long arrival = 1074030L * 64_000;
    for (int i = 0; i < 7; i++) {
      assertTrue(fb.nextEntry());
      assertEquals(4 + i, fb.entrySequenceNumber());
      assertEquals(TransportCc.STATUS_SMALL_DELTA, fb.entryStatus());
      assertEquals(deltasUs[i], fb.entryDeltaTicks() * 250);
      arrival += deltasUs[i];
      assertEquals(arrival, fb.entryArrivalUs());
    }
    assertFalse(fb.nextEntry());
  }

  @Test
  void builderReproducesChromeBytes() {
    TransportCcBuilder builder = new TransportCcBuilder(1200);
    builder.setSsrcs(4195875351L, 423483579L);
    builder.setFeedbackPacketCount(1);
    long arrival = 1074030L * 64_000;
    int[] deltasUs = {19000, 9000, 9000, 4000, 3000, 3000, 4000};
    for (int i = 0; i < 7; i++) {
      arrival += deltasUs[i];
      assertTrue(builder.add(4 + i, arrival));
    }
    byte[] out = new byte[64];
    int len = builder.write(out, 0);
    assertArrayEquals(CHROME_RUN_LENGTH, Arrays.copyOf(out, len));
  }

  @Test
  void chromeTwoChunkTypesPacketParses() {
    assertTrue(fb.read(CHROME_TWO_CHUNK_TYPES, 0, CHROME_TWO_CHUNK_TYPES.length));
    assertEquals(34108, fb.baseSequenceNumber());
    assertEquals(9, fb.packetStatusCount());
    assertEquals(6551830, fb.referenceTime() & 0xFFFFFF);
    assertEquals(179, fb.feedbackPacketCount());
    assertEquals(2, fb.chunkCount());
    int[] status = {1, 1, 1, 1, 1, 0, 2, 0, 0};
    int[] deltasUs = {38750, 42500, 26500, 42500, 30750, 0, 66250, 0, 0};
    for (int i = 0; i < 9; i++) {
      assertTrue(fb.nextEntry());
      assertEquals(status[i], fb.entryStatus(), "packet " + i);
      assertEquals(deltasUs[i], fb.entryDeltaTicks() * 250, "packet " + i);
    }
    assertFalse(fb.nextEntry());
  }
}
