package io.stockpot.signaling.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.KeyFactory;
import java.security.spec.EncodedKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Mints and verifies room tokens: JWTs (vertx-auth-jwt) signed with HS256 and a shared secret, or
 * with RS256/ES256 — the node verifies with the public key (PEM), whoever mints holds the private
 * key (PKCS#8 PEM). The algorithm of a PEM key follows from its type (RSA → RS256, EC P-256 →
 * ES256).
 */
public final class RoomTokens {
  /** Clock skew tolerated between the minting host and the node, in seconds. */
  static final int LEEWAY_SECONDS = 30;

  /** The longest lifetime a token may be minted with: 30 days, in seconds. */
  public static final long MAX_TTL_SECONDS = 30L * 24 * 3600;

  private final JWTAuth auth;
  private final String algorithm;

  private RoomTokens(Vertx vertx, String algorithm, String key) {
    this.algorithm = algorithm;
    this.auth =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(key))
                // Expiry is checked here (see verify) so that an expired token says so.
                .setJWTOptions(
                    new JWTOptions().setIgnoreExpiration(true).setLeeway(LEEWAY_SECONDS)));
  }

  /** HS256 with a shared secret: the same object mints and verifies. */
  public static RoomTokens hs256(Vertx vertx, String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("the JWT secret must have at least 16 characters");
    }
    return new RoomTokens(vertx, "HS256", secret);
  }

  /** Verifies tokens signed by the private key of this public key (PEM, "PUBLIC KEY"). */
  public static RoomTokens publicKey(Vertx vertx, String pem) {
    return new RoomTokens(vertx, pemAlgorithm(pem, false), pem);
  }

  /** Mints tokens with this private key (PKCS#8 PEM, "PRIVATE KEY"); it cannot verify. */
  public static RoomTokens privateKey(Vertx vertx, String pem) {
    return new RoomTokens(vertx, pemAlgorithm(pem, true), pem);
  }

  /** HS256, RS256 or ES256. */
  public String algorithm() {
    return algorithm;
  }

  /**
   * Mints a token valid for {@code ttlSeconds} from now.
   *
   * @param displayName may be null (the page then shows the peerId)
   */
  public String mint(
      String roomId, String peerId, String displayName, Set<String> grants, long ttlSeconds) {
    if (ttlSeconds <= 0 || ttlSeconds > MAX_TTL_SECONDS) {
      throw new IllegalArgumentException(
          "the token's lifetime must be 1 to " + MAX_TTL_SECONDS + " s, not " + ttlSeconds);
    }
    return mintExpiringAt(
        roomId, peerId, displayName, grants, System.currentTimeMillis() / 1000 + ttlSeconds);
  }

  /**
   * Mints a token that expires at {@code expiresAt} (seconds since the epoch). Each token gets its
   * own {@code jti}.
   */
  public String mintExpiringAt(
      String roomId, String peerId, String displayName, Set<String> grants, long expiresAt) {
    check(roomId, "roomId");
    check(peerId, "peerId");
    RoomToken token = new RoomToken(roomId, peerId, displayName, grants, expiresAt);
    return auth.generateToken(
        token.claims().put("exp", expiresAt).put("jti", UUID.randomUUID().toString()),
        new JWTOptions().setAlgorithm(algorithm).setSubject(peerId));
  }

  private static void check(String id, String what) {
    if (id == null || !RoomToken.ID.matcher(id).matches()) {
      throw new IllegalArgumentException(what + " must match " + RoomToken.ID.pattern());
    }
  }

  /**
   * Verifies a token's signature, expiry and claims. Fails with a {@link TokenException} saying
   * why.
   */
  public Future<RoomToken> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(TokenException.missing());
    }
    return auth.authenticate(new TokenCredentials(token))
        .recover(err -> Future.failedFuture(TokenException.invalid(reason(err))))
        .map(
            user -> {
              // vertx-auth-jwt keeps the decoded payload as the user's "accessToken" attribute.
              JsonObject claims = user.attributes().getJsonObject("accessToken");
              RoomToken verified = RoomToken.fromClaims(claims == null ? user.principal() : claims);
              long now = System.currentTimeMillis() / 1000;
              if (verified.expiresAt() + LEEWAY_SECONDS <= now) {
                throw TokenException.expired();
              }
              return verified;
            });
  }

  /** The library's reason, in words a user can act on. */
  private static String reason(Throwable err) {
    String message = String.valueOf(err.getMessage());
    if (message.toLowerCase(java.util.Locale.ROOT).contains("signature")) {
      return "bad signature (signed with another key?)";
    }
    return "not a token this server accepts (" + message + ")";
  }

  /** The JWT algorithm of a PEM key: RS256 for RSA, ES256 for EC (P-256). */
  static String pemAlgorithm(String pem, boolean privateKey) {
    String kind = privateKey ? "PRIVATE KEY" : "PUBLIC KEY";
    if (pem == null || !pem.contains("-----BEGIN " + kind + "-----")) {
      throw new IllegalArgumentException(
          "the key must be a PEM '" + kind + "'" + (privateKey ? " (PKCS#8)" : ""));
    }
    String body =
        pem.substring(pem.indexOf("-----BEGIN " + kind + "-----") + kind.length() + 16)
            .replaceAll("-----END " + kind + "-----[\\s\\S]*", "")
            .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PEM key is not valid base64", e);
    }
    EncodedKeySpec spec = privateKey ? new PKCS8EncodedKeySpec(der) : new X509EncodedKeySpec(der);
    for (String[] type : new String[][] {{"RSA", "RS256"}, {"EC", "ES256"}}) {
      try {
        KeyFactory factory = KeyFactory.getInstance(type[0]);
        if (privateKey) {
          factory.generatePrivate(spec);
        } else {
          factory.generatePublic(spec);
        }
        return type[1];
      } catch (java.security.GeneralSecurityException e) {
        // Not this type: try the next.
      }
    }
    throw new IllegalArgumentException("the PEM key is neither RSA nor EC");
  }
}
