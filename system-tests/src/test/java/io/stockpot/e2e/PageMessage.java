package io.stockpot.e2e;

/**
 * One thing a page reported: a console call, an uncaught exception or a browser log entry.
 *
 * @param source {@code "console"}, {@code "exception"} or {@code "log"}
 * @param level console/log level such as {@code "error"} or {@code "log"}; {@code "error"} for
 *     exceptions
 * @param text the message, arguments joined by spaces, with the stack for exceptions
 */
public record PageMessage(String source, String level, String text) {

  public boolean isError() {
    return "error".equals(level) || "exception".equals(source);
  }

  @Override
  public String toString() {
    return "[" + source + "." + level + "] " + text;
  }
}
