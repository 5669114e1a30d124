package io.stockpot.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Random UDP loss on a port range of this network namespace, with iptables' {@code statistic}
 * match: every datagram to or from those ports (both directions of a media path on loopback) is
 * dropped with the given probability. Needs root and iptables; fails loudly without them.
 */
public final class PacketLoss implements AutoCloseable {
  private final List<String> rule;

  private PacketLoss(List<String> rule) {
    this.rule = rule;
  }

  public static PacketLoss on(int firstPort, int lastPort, double probability) {
    List<String> rule =
        List.of(
            "INPUT",
            "-p",
            "udp",
            "-m",
            "multiport",
            "--ports",
            firstPort + ":" + lastPort,
            "-m",
            "statistic",
            "--mode",
            "random",
            "--probability",
            Double.toString(probability),
            "-j",
            "DROP");
    iptables("-I", rule);
    return new PacketLoss(rule);
  }

  private static void iptables(String action, List<String> rule) {
    List<String> cmd = new ArrayList<>(List.of("iptables", action));
    cmd.addAll(rule);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(
            "iptables " + action + " failed (root and iptables needed): " + out);
      }
    } catch (IOException e) {
      throw new AssertionError("iptables is not installed (bin/test installs it): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    iptables("-D", rule);
  }
}
