package io.stockpot.testkit;

import io.stockpot.launcher.Node;
import io.stockpot.launcher.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real in-process node for tests: both roles, loopback only, its own UDP port range. */
public final class TestNode {
  private TestNode() {}

  /**
   * Starts a node on an ephemeral HTTP port of 127.0.0.1, waiting up to 3 min (a loaded CI machine
   * may take a minute).
   *
   * @param rtcPorts e.g. {@code "45000-45099"}: each test class uses its own range
   * @param extra more flags, e.g. {@code "--admin-token", "t"}
   */
  public static Node start(String nodeId, String rtcPorts, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--http-port",
                "0",
                "--http-host",
                "127.0.0.1",
                "--rtc-ports",
                rtcPorts,
                "--room-close-delay",
                "500",
                "--node-id",
                nodeId));
    args.addAll(List.of(extra));
    return Waits.await(
        Node.start(Options.parse(args.toArray(String[]::new), Map.of())), Duration.ofSeconds(180));
  }
}
