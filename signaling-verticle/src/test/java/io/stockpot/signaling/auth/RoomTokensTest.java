package io.stockpot.signaling.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Minting and verifying room tokens with HS256, ES256 and RS256 keys. */
class RoomTokensTest {
  private static final Vertx VERTX = Vertx.vertx();
  private static final String SECRET = "a-shared-secret-of-some-length";

  @AfterAll
  static void close() throws Exception {
    VERTX.close().await(10, TimeUnit.SECONDS);
  }

  static String pem(String kind, byte[] der) {
    return "-----BEGIN "
        + kind
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(der)
        + "\n-----END "
        + kind
        + "-----\n";
  }

  static KeyPair keyPair(String type) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
    if (type.equals("EC")) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      generator.initialize(2048);
    }
    return generator.generateKeyPair();
  }

  private static RoomToken verify(RoomTokens tokens, String token) throws Exception {
    return tokens.verify(token).await(10, TimeUnit.SECONDS);
  }

  private static TokenException refused(RoomTokens tokens, String token) {
    return assertThrows(TokenException.class, () -> verify(tokens, token));
  }

  @Test
  void hs256TokenCarriesItsClaims() throws Exception {
    RoomTokens tokens = RoomTokens.hs256(VERTX, SECRET);
    String token = tokens.mint("room-1", "alice", "Alice", Set.of("subscribe"), 3600);
    RoomToken verified = verify(tokens, token);
    assertEquals("room-1", verified.roomId());
    assertEquals("alice", verified.peerId());
    assertEquals("Alice", verified.displayName());
    assertEquals(Set.of("subscribe"), verified.grants());
    assertTrue(verified.may(RoomToken.SUBSCRIBE));
    assertFalse(verified.may(RoomToken.PUBLISH));
    long now = System.currentTimeMillis() / 1000;
    assertTrue(Math.abs(verified.expiresAt() - (now + 3600)) < 120, "exp " + verified.expiresAt());
  }

  @Test
  void wrongSecretIsABadSignature() {
    String token =
        RoomTokens.hs256(VERTX, "another-secret-of-16+chars").mint("r", "p", null, Set.of(), 60);
    TokenException e = refused(RoomTokens.hs256(VERTX, SECRET), token);
    assertEquals(TokenException.UNAUTHORIZED, e.closeCode());
    assertTrue(e.getMessage().contains("signature"), e.getMessage());
  }

  @Test
  void expiredTokenSaysSo() {
    RoomTokens tokens = RoomTokens.hs256(VERTX, SECRET);
    // Expired well beyond the tolerated clock skew: a token minted long ago, by hand.
    String token =
        tokens.mintExpiringAt(
            "r",
            "p",
            null,
            RoomToken.DEFAULT_GRANTS,
            System.currentTimeMillis() / 1000 - RoomTokens.LEEWAY_SECONDS - 60);
    TokenException e = refused(tokens, token);
    assertEquals(TokenException.UNAUTHORIZED, e.closeCode());
    assertTrue(e.getMessage().startsWith("token expired"), e.getMessage());
  }

  @Test
  void missingAndGarbageAreRefused() {
    RoomTokens tokens = RoomTokens.hs256(VERTX, SECRET);
    assertTrue(refused(tokens, null).getMessage().startsWith("token missing"));
    assertTrue(refused(tokens, "").getMessage().startsWith("token missing"));
    assertTrue(refused(tokens, "not.a.jwt").getMessage().startsWith("token invalid"));
  }

  @Test
  void es256SignedWithThePrivateKeyVerifiesWithThePublicKey() throws Exception {
    KeyPair pair = keyPair("EC");
    RoomTokens minter =
        RoomTokens.privateKey(VERTX, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    RoomTokens verifier =
        RoomTokens.publicKey(VERTX, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    assertEquals("ES256", minter.algorithm());
    assertEquals("ES256", verifier.algorithm());
    String token = minter.mint("room-2", "bob", null, RoomToken.DEFAULT_GRANTS, 600);
    RoomToken verified = verify(verifier, token);
    assertEquals("bob", verified.peerId());
    assertEquals(RoomToken.DEFAULT_GRANTS, verified.grants());

    KeyPair other = keyPair("EC");
    RoomTokens otherVerifier =
        RoomTokens.publicKey(VERTX, pem("PUBLIC KEY", other.getPublic().getEncoded()));
    assertTrue(refused(otherVerifier, token).getMessage().startsWith("token invalid"));
    // An HS256 token is no token for a node that verifies with a public key.
    String hs = RoomTokens.hs256(VERTX, SECRET).mint("room-2", "bob", null, Set.of(), 60);
    assertTrue(refused(verifier, hs).getMessage().startsWith("token invalid"));
  }

  @Test
  void rs256SignedWithThePrivateKeyVerifiesWithThePublicKey() throws Exception {
    KeyPair pair = keyPair("RSA");
    RoomTokens minter =
        RoomTokens.privateKey(VERTX, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    RoomTokens verifier =
        RoomTokens.publicKey(VERTX, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    assertEquals("RS256", verifier.algorithm());
    String token = minter.mint("room-3", "carol", "Carol", Set.of("publish"), 600);
    assertEquals(Set.of("publish"), verify(verifier, token).grants());
  }

  @Test
  void badInputIsRefusedClearly() {
    RoomTokens tokens = RoomTokens.hs256(VERTX, SECRET);
    assertThrows(IllegalArgumentException.class, () -> RoomTokens.hs256(VERTX, "short"));
    assertThrows(
        IllegalArgumentException.class, () -> tokens.mint("bad room", "p", null, Set.of(), 60));
    assertThrows(IllegalArgumentException.class, () -> tokens.mint("r", "p", null, Set.of(), 0));
    assertThrows(TokenException.class, () -> RoomToken.grants("publish,fly"));
    assertEquals(Set.of("publish", "admin"), RoomToken.grants("publish, admin"));
    assertThrows(
        IllegalArgumentException.class, () -> RoomTokens.publicKey(VERTX, "not a pem at all"));
  }
}
