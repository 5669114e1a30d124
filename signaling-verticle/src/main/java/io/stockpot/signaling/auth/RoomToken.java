package io.stockpot.signaling.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a verified room token says: who may join which room, under what name, to do what, until
 * when. Claims: {@code sub} (the peerId), {@code room}, {@code name}, {@code grants} (an array of
 * {@link #PUBLISH}, {@link #SUBSCRIBE}, {@link #ADMIN}), {@code exp} and {@code iat} (seconds since
 * the epoch, as JWT has them).
 *
 * @param expiresAt seconds since the epoch
 */
public record RoomToken(
    String roomId, String peerId, String displayName, Set<String> grants, long expiresAt) {

  /** May produce (send camera or microphone). */
  public static final String PUBLISH = "publish";

  /** May consume what others produce (the room sends it {@code newConsumer}). */
  public static final String SUBSCRIBE = "subscribe";

  /** Carried for applications' moderators; no protoo method requires it. */
  public static final String ADMIN = "admin";

  /** Every grant a token may carry, in their usual order. */
  public static final List<String> ALL_GRANTS = List.of(PUBLISH, SUBSCRIBE, ADMIN);

  /** What a token grants when it names no grants: what an ordinary participant needs. */
  public static final Set<String> DEFAULT_GRANTS = Set.of(PUBLISH, SUBSCRIBE);

  /** Room and peer ids as signaling accepts them in URLs. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  static final String ROOM = "room";
  static final String NAME = "name";
  static final String GRANTS = "grants";

  public RoomToken {
    grants = Set.copyOf(grants);
  }

  public boolean may(String grant) {
    return grants.contains(grant);
  }

  /**
   * The token's claims (without {@code exp}, {@code iat} and {@code sub}: JWTOptions adds them).
   */
  JsonObject claims() {
    JsonObject claims = new JsonObject().put(ROOM, roomId).put(GRANTS, grantsArray(grants));
    if (displayName != null) {
      claims.put(NAME, displayName);
    }
    return claims;
  }

  private static JsonArray grantsArray(Set<String> grants) {
    JsonArray array = new JsonArray();
    ALL_GRANTS.stream().filter(grants::contains).forEach(array::add);
    return array;
  }

  /**
   * Reads verified claims.
   *
   * @throws TokenException if a claim is missing or malformed
   */
  static RoomToken fromClaims(JsonObject claims) {
    String sub = claims.getValue("sub") instanceof String s ? s : null;
    String room = claims.getValue(ROOM) instanceof String s ? s : null;
    if (sub == null || !ID.matcher(sub).matches()) {
      throw TokenException.invalid("its 'sub' (the peerId) must match " + ID.pattern());
    }
    if (room == null || !ID.matcher(room).matches()) {
      throw TokenException.invalid("its 'room' must match " + ID.pattern());
    }
    if (!(claims.getValue("exp") instanceof Number exp)) {
      throw TokenException.invalid("it has no 'exp' (expiry)");
    }
    Object name = claims.getValue(NAME);
    if (name != null && !(name instanceof String)) {
      throw TokenException.invalid("its 'name' must be a string");
    }
    return new RoomToken(
        room, sub, (String) name, grants(claims.getValue(GRANTS)), exp.longValue());
  }

  /** Parses grants, from a token's array or a comma-separated list; null means the defaults. */
  public static Set<String> grants(Object value) {
    if (value == null) {
      return DEFAULT_GRANTS;
    }
    List<?> items;
    if (value instanceof JsonArray array) {
      items = array.getList();
    } else if (value instanceof String s) {
      items = List.of(s.split(","));
    } else {
      throw TokenException.invalid("'grants' must be an array of " + ALL_GRANTS);
    }
    Set<String> grants = new LinkedHashSet<>();
    for (Object item : items) {
      String grant = item instanceof String s ? s.trim() : null;
      if (grant == null || !ALL_GRANTS.contains(grant)) {
        throw TokenException.invalid("unknown grant '" + item + "' (known: " + ALL_GRANTS + ")");
      }
      grants.add(grant);
    }
    return grants;
  }
}
