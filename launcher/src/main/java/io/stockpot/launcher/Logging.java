package io.stockpot.launcher;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One-line log records on stderr: time, level, logger, message. */
final class Logging {
  private Logging() {}

  static void configure() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    Logger root = Logger.getLogger("");
    for (var h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler handler = new ConsoleHandler();
    handler.setFormatter(
        new Formatter() {
          @Override
          public String format(LogRecord r) {
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            String msg =
                String.format(
                    "%1$tT.%1$tL %2$-7s %3$s: %4$s%n",
                    r.getMillis(), r.getLevel().getName(), shortName, formatMessage(r));
            if (r.getThrown() != null) {
              java.io.StringWriter sw = new java.io.StringWriter();
              r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
              msg += sw;
            }
            return msg;
          }
        });
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.INFO);
    Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
  }
}
