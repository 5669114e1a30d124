package io.stockpot.peer;

/**
 * The one-byte header extension ids a sender announces in its rtpParameters and then writes into
 * its packets; zero leaves an extension out. Defaults follow what Chrome offers.
 */
public record ExtensionIds(int mid, int absSendTime, int transportWideCc, int audioLevel) {
  public static final ExtensionIds CHROME_AUDIO = new ExtensionIds(4, 0, 3, 1);
  public static final ExtensionIds CHROME_VIDEO = new ExtensionIds(4, 2, 3, 0);
}
