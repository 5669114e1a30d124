package io.stockpot.e2e;

import io.stockpot.launcher.Node;
import io.stockpot.testkit.TestNode;
import io.stockpot.testkit.Waits;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the browser tests: a real node (both roles, its own UDP port range) and a headless
 * Chromium, started before each test and stopped after it, whatever happened.
 */
public final class NodeAndBrowser implements BeforeEachCallback, AfterEachCallback {
  private final String nodeId;
  private final String rtcPorts;
  private final String[] extraFlags;
  private Node node;
  private Chromium chromium;

  public NodeAndBrowser(String nodeId, String rtcPorts, String... extraFlags) {
    this.nodeId = nodeId;
    this.rtcPorts = rtcPorts;
    this.extraFlags = extraFlags;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    node = TestNode.start(nodeId, rtcPorts, extraFlags);
    chromium = Chromium.launch();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      if (node != null) {
        Waits.await(node.stop());
      }
    }
  }

  public Node node() {
    return node;
  }

  public Chromium chromium() {
    return chromium;
  }

  /** {@code http://127.0.0.1:<port>} + {@code pathAndQuery}. */
  public String url(String pathAndQuery) {
    return "http://127.0.0.1:" + node.httpPort() + pathAndQuery;
  }
}
