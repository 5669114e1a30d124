package io.stockpot.launcher;

import io.stockpot.signaling.admin.AdminRoutes;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/** Vert.x's Micrometer metrics for {@code GET /metrics}: a Prometheus registry per node. */
final class MetricsSetup {
  private MetricsSetup() {}

  static MicrometerMetricsOptions options(String nodeId) {
    MicrometerMetricsOptions options =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            // One registry per node: several nodes in one JVM (tests) must not share meters.
            .setRegistryName(AdminRoutes.registryName(nodeId))
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
            .addLabels(Label.EB_ADDRESS);
    // A room, media node or signaling node each has its own address: without collapsing them the
    // address label would grow a series per room ever opened.
    for (String kind : new String[] {"room", "media", "signaling", "status"}) {
      options.addLabelMatch(
          new Match()
              .setDomain(MetricsDomain.EVENT_BUS)
              .setLabel(Label.EB_ADDRESS.toString())
              .setType(MatchType.REGEX)
              .setValue("stockpot\\." + kind + "\\..+")
              .setAlias("stockpot." + kind + ".*"));
    }
    options.addLabelMatch(
        new Match()
            .setDomain(MetricsDomain.EVENT_BUS)
            .setLabel(Label.EB_ADDRESS.toString())
            .setType(MatchType.REGEX)
            .setValue("(__vertx\\.reply\\..*|[0-9]+)")
            .setAlias("replies"));
    return options;
  }
}
