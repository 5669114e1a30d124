package io.stockpot.launcher;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code bin/stockpot}: parses flags, starts a node, stops it gracefully on SIGTERM. */
public final class Main {
  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Logging.configure();
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(Options.help());
      return;
    }
    Options options;
    try {
      options = Options.parse(args, System.getenv());
      options.toNodeConfig();
    } catch (IllegalArgumentException e) {
      System.err.println("stockpot: " + e.getMessage());
      System.exit(2);
      return;
    }
    Node node;
    try {
      node = Node.start(options).await();
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "Stockpot could not start: " + e.getMessage(), e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping node " + node.config().nodeId());
                  try {
                    node.stop().await();
                  } catch (Exception e) {
                    LOG.log(Level.WARNING, "unclean stop", e);
                  }
                  stopped.countDown();
                },
                "stockpot-shutdown"));
    stopped.await();
  }
}
