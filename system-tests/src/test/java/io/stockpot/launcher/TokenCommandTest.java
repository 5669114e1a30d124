package io.stockpot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stockpot.signaling.auth.RoomToken;
import io.stockpot.signaling.auth.RoomTokens;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stockpot-admin token}: minting from flags or environment, with no cluster. */
class TokenCommandTest {
  private static final String SECRET = "token-command-secret-0123456789";
  private static final Vertx VERTX = Vertx.vertx();

  @AfterAll
  static void close() throws Exception {
    VERTX.close().await(10, TimeUnit.SECONDS);
  }

  private static RoomToken verify(RoomTokens tokens, String token) throws Exception {
    return tokens.verify(token).await(10, TimeUnit.SECONDS);
  }

  @Test
  void mintsWithTheSecretFromAFlagOrTheEnvironment() throws Exception {
    String token =
        TokenCommand.mint(
            new String[] {
              "--room",
              "r1",
              "--peer",
              "p1",
              "--name",
              "Pat",
              "--ttl",
              "2h",
              "--grants",
              "subscribe",
              "--jwt-secret",
              SECRET
            },
            Map.of());
    RoomToken verified = verify(RoomTokens.hs256(VERTX, SECRET), token);
    assertEquals("r1", verified.roomId());
    assertEquals("p1", verified.peerId());
    assertEquals("Pat", verified.displayName());
    assertEquals(Set.of("subscribe"), verified.grants());
    long now = System.currentTimeMillis() / 1000;
    assertTrue(Math.abs(verified.expiresAt() - now - 7200) < 120, "expires in about 2 h");

    String fromEnv =
        TokenCommand.mint(
            new String[] {"--room", "r2", "--peer", "p2"}, Map.of("STOCKPOT_JWT_SECRET", SECRET));
    RoomToken defaults = verify(RoomTokens.hs256(VERTX, SECRET), fromEnv);
    assertEquals(RoomToken.DEFAULT_GRANTS, defaults.grants());
  }

  @Test
  void mintsWithAnRsaPrivateKeyFile(@TempDir Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Path key = dir.resolve("private.pem");
    Files.writeString(
        key,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    String token =
        TokenCommand.mint(
            new String[] {"--room", "r3", "--peer", "p3", "--jwt-private-key", key.toString()},
            Map.of());
    String publicPem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    assertEquals("p3", verify(RoomTokens.publicKey(VERTX, publicPem), token).peerId());
  }

  @Test
  void mistakesAreExplained() {
    IllegalArgumentException noKey =
        assertThrows(
            IllegalArgumentException.class,
            () -> TokenCommand.mint(new String[] {"--room", "r", "--peer", "p"}, Map.of()));
    assertTrue(noKey.getMessage().contains("--jwt-secret"), noKey.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> TokenCommand.mint(new String[] {"--peer", "p", "--jwt-secret", SECRET}, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TokenCommand.mint(
                new String[] {
                  "--room", "r", "--peer", "p", "--ttl", "soon", "--jwt-secret", SECRET
                },
                Map.of()));
    assertEquals(5400, TokenCommand.seconds("90m"));
    assertEquals(45, TokenCommand.seconds("45"));
  }
}
