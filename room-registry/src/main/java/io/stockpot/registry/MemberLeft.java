package io.stockpot.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A Stockpot node left the cluster (it stopped, crashed, or became unreachable). Published locally
 * on {@link Addresses#membership()} by the launcher, which learns it from cluster membership, so
 * that verticles clean up after the node at once instead of waiting for its announcement to expire.
 */
public record MemberLeft(String nodeId, List<String> roles) {

  public boolean hadRole(String role) {
    return roles.contains(role);
  }

  public JsonObject toJson() {
    return new JsonObject().put("nodeId", nodeId).put("roles", new JsonArray(roles));
  }

  public static MemberLeft fromJson(JsonObject json) {
    JsonArray roles = json.getJsonArray("roles", new JsonArray());
    return new MemberLeft(json.getString("nodeId"), roles.stream().map(String::valueOf).toList());
  }
}
