package io.stockpot.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bottleneck on what a server sends from an aligned block of UDP ports in this network namespace:
 * an HTB root on {@code lo} whose default class is unshaped, and a class for datagrams whose source
 * port matches (a u32 filter) with a token bucket ({@code tbf}) leaf at the given rate. On loopback
 * this shapes the server's downlink to every browser, and nothing else. Needs root and iproute2's
 * {@code tc}; fails loudly without them.
 */
public final class ShapedDownlink implements AutoCloseable {
  private ShapedDownlink() {}

  /**
   * Shapes datagrams from ports {@code firstPort} … {@code firstPort + blockSize - 1} ({@code
   * blockSize} a power of two, {@code firstPort} a multiple of it) to {@code kbit} kbit/s.
   */
  public static ShapedDownlink on(int firstPort, int blockSize, int kbit) {
    if (Integer.bitCount(blockSize) != 1 || firstPort % blockSize != 0) {
      throw new IllegalArgumentException("ports must be an aligned power-of-two block");
    }
    String mask = "0x" + Integer.toHexString(0xFFFF & ~(blockSize - 1));
    tc("qdisc add dev lo root handle 1: htb default 10 r2q 100000");
    tc("class add dev lo parent 1: classid 1:10 htb rate 10gbit");
    tc("class add dev lo parent 1: classid 1:30 htb rate 10gbit");
    tc("qdisc add dev lo parent 1:30 handle 30: tbf rate " + kbit + "kbit burst 16kb latency 60ms");
    tc(
        "filter add dev lo parent 1: protocol ip prio 1 u32 match ip sport "
            + firstPort
            + " "
            + mask
            + " flowid 1:30");
    return new ShapedDownlink();
  }

  private static void tc(String args) {
    List<String> cmd = new ArrayList<>(List.of("tc"));
    cmd.addAll(List.of(args.split(" ")));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("tc " + args + " failed (root and iproute2 needed): " + out);
      }
    } catch (IOException e) {
      throw new AssertionError("tc is not installed (iproute2): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    tc("qdisc del dev lo root");
  }
}
