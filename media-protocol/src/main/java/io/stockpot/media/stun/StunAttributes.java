package io.stockpot.media.stun;

/** STUN attribute types (RFC 5389 §18.2, RFC 8445 §16.1) that Stockpot reads or writes. */
public final class StunAttributes {
  public static final int MAPPED_ADDRESS = 0x0001;
  public static final int USERNAME = 0x0006;
  public static final int MESSAGE_INTEGRITY = 0x0008;
  public static final int ERROR_CODE = 0x0009;
  public static final int UNKNOWN_ATTRIBUTES = 0x000A;
  public static final int REALM = 0x0014;
  public static final int NONCE = 0x0015;
  public static final int XOR_MAPPED_ADDRESS = 0x0020;
  public static final int PRIORITY = 0x0024;
  public static final int USE_CANDIDATE = 0x0025;
  public static final int SOFTWARE = 0x8022;
  public static final int ALTERNATE_SERVER = 0x8023;
  public static final int FINGERPRINT = 0x8028;
  public static final int ICE_CONTROLLED = 0x8029;
  public static final int ICE_CONTROLLING = 0x802A;

  /** XOR-MAPPED-ADDRESS address families. */
  public static final int FAMILY_IPV4 = 0x01;

  public static final int FAMILY_IPV6 = 0x02;

  /** Size of MESSAGE-INTEGRITY's value: one HMAC-SHA1. */
  public static final int MESSAGE_INTEGRITY_LENGTH = 20;

  /** Size of a whole MESSAGE-INTEGRITY attribute, header included. */
  public static final int MESSAGE_INTEGRITY_ATTRIBUTE_LENGTH = 4 + MESSAGE_INTEGRITY_LENGTH;

  /** Size of a whole FINGERPRINT attribute, header included. */
  public static final int FINGERPRINT_ATTRIBUTE_LENGTH = 8;

  private StunAttributes() {}
}
