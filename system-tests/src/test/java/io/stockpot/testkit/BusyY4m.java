package io.stockpot.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * A busy picture for Chromium's {@code --use-file-for-fake-video-capture}: a YUV4MPEG2 file (a
 * header line, then {@code FRAME\n} and the Y, U and V planes of 4:2:0 video per frame) of a
 * texture of random 4×4 cells panning by a few pixels each frame, with fresh noise blocks in every
 * frame. The encoder must spend bits on every frame, so each encoding reaches its {@code
 * maxBitrate} (Chromium's built-in fake camera stays near 0.3 Mbit/s), yet frames stay small enough
 * that the encoder need not drop them (pure noise at 640×360 made VP8 send 1–2 fps).
 */
public final class BusyY4m {
  private static final int PAN_PIXELS_PER_FRAME = 4;
  private static final int BLOCK = 16;
  private static final int CELL = 4;
  private static final int FRESH_BLOCKS_PER_FRAME = 20;

  private BusyY4m() {}

  /**
   * Writes {@code frames} frames of {@code width}×{@code height} (both even) at {@code fps} to a
   * new temporary file; Chromium loops over them.
   */
  public static Path write(int width, int height, int fps, int frames) {
    Random random = new Random(42);
    int textureWidth = width + PAN_PIXELS_PER_FRAME * frames;
    byte[] texture = new byte[textureWidth * height];
    for (int row = 0; row < height; row += CELL) {
      for (int col = 0; col < textureWidth; col += CELL) {
        byte value = (byte) random.nextInt(256);
        for (int r = row; r < Math.min(row + CELL, height); r++) {
          Arrays.fill(
              texture,
              r * textureWidth + col,
              Math.min(r * textureWidth + col + CELL, (r + 1) * textureWidth),
              value);
        }
      }
    }
    byte[] y = new byte[width * height];
    byte[] chroma = new byte[width * height / 4];
    try {
      Path file = Files.createTempFile("stockpot-busy-", ".y4m");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
        String header = "YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420\n";
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        for (int f = 0; f < frames; f++) {
          int pan = f * PAN_PIXELS_PER_FRAME;
          for (int row = 0; row < height; row++) {
            System.arraycopy(texture, row * textureWidth + pan, y, row * width, width);
          }
          for (int b = 0; b < FRESH_BLOCKS_PER_FRAME; b++) {
            int x0 = random.nextInt(width - BLOCK);
            int y0 = random.nextInt(height - BLOCK);
            for (int row = y0; row < y0 + BLOCK; row++) {
              for (int col = x0; col < x0 + BLOCK; col++) {
                y[row * width + col] = (byte) random.nextInt(256);
              }
            }
          }
          out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
          out.write(y);
          // Colour drifting slowly: mid-grey chroma shifted per frame.
          Arrays.fill(chroma, (byte) (128 + (f % 32) - 16));
          out.write(chroma);
          Arrays.fill(chroma, (byte) (128 - (f % 32) + 16));
          out.write(chroma);
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
