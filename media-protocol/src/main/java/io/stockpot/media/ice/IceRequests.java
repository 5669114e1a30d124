package io.stockpot.media.ice;

import io.stockpot.media.stun.MessageIntegrity;
import io.stockpot.media.stun.StunMessageWriter;

/**
 * Connectivity checks as the controlling agent (a browser) sends them to an ICE-lite server: what
 * Stockpot's own test peers use to drive an {@link IceServer}.
 */
public final class IceRequests {
  private IceRequests() {}

  /**
   * Writes a Binding request: USERNAME "serverUfrag:clientUfrag", PRIORITY, ICE-CONTROLLING with
   * {@code tieBreaker}, USE-CANDIDATE when {@code nominate}, MESSAGE-INTEGRITY keyed with the
   * server's password, FINGERPRINT. The message is {@code writer.buffer()[0, writer.length())}.
   */
  public static StunMessageWriter writeCheck(
      StunMessageWriter writer,
      byte[] transactionId,
      String serverUfrag,
      String clientUfrag,
      MessageIntegrity serverPassword,
      long priority,
      long tieBreaker,
      boolean nominate) {
    writer
        .beginBindingRequest(transactionId)
        .addUsername(serverUfrag + ":" + clientUfrag)
        .addPriority(priority)
        .addIceControlling(tieBreaker);
    if (nominate) {
      writer.addUseCandidate();
    }
    return writer.addMessageIntegrity(serverPassword).addFingerprint();
  }
}
