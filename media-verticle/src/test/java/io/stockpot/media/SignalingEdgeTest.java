package io.stockpot.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * JSON and signaling types stay at the signaling edge: the router and the WebRTC transports work on
 * typed values, so neither names Vert.x nor the registry, by import or by qualified name. The
 * compiler cannot check this (the module depends on both), so this test reads their sources.
 */
class SignalingEdgeTest {
  private static final Path SOURCES = Path.of("src/main/java/io/stockpot/media");
  private static final Pattern FORBIDDEN =
      Pattern.compile("\\bio\\.(vertx|stockpot\\.registry)\\.");

  @Test
  void routerAndWebRtcNameNeitherVertxNorTheRegistry() throws IOException {
    List<String> offending = new ArrayList<>();
    int files = 0;
    for (String pkg : List.of("router", "webrtc")) {
      try (Stream<Path> sources = Files.walk(SOURCES.resolve(pkg))) {
        for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            if (FORBIDDEN.matcher(lines.get(i)).find()) {
              offending.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
          }
        }
      }
    }
    // Guards against a moved source folder making the check pass on nothing.
    assertFalse(files < 10, "found only " + files + " sources under " + SOURCES.toAbsolutePath());
    assertEquals(List.of(), offending);
  }
}
