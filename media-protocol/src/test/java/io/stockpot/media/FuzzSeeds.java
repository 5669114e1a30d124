package io.stockpot.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The seed inputs of a {@code @FuzzTest} live where Jazzer looks for them: {@code
 * src/test/resources/<package>/<Class>Inputs/<method>/}. Jazzer runs each as a regression test and
 * starts fuzzing from them. They are generated from the RFC vectors held by the tests: run a seeds
 * test with {@code -Dstockpot.fuzz.writeSeeds=true} to (re)write them, and it checks them
 * otherwise.
 */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  /** Asserts (or, when asked, writes) that each named seed of the target holds these bytes. */
  public static void assertSeeds(Class<?> test, String method, Map<String, byte[]> seeds) {
    String dir = test.getPackageName().replace('.', '/') + "/" + test.getSimpleName() + "Inputs/";
    for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
      String name = dir + method + "/" + seed.getKey();
      if (Boolean.getBoolean("stockpot.fuzz.writeSeeds")) {
        write(Path.of("src/test/resources", name), seed.getValue());
        continue;
      }
      try (InputStream in = test.getClassLoader().getResourceAsStream(name)) {
        assertNotNull(in, "missing seed " + name);
        assertArrayEquals(seed.getValue(), in.readAllBytes(), name);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * For seeds that cannot be reproduced byte for byte (they hold fresh randomness): asserts each
   * named seed exists, or writes these when asked.
   */
  public static void assertSeedsExist(Class<?> test, String method, Map<String, byte[]> seeds) {
    String dir = test.getPackageName().replace('.', '/') + "/" + test.getSimpleName() + "Inputs/";
    for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
      String name = dir + method + "/" + seed.getKey();
      if (Boolean.getBoolean("stockpot.fuzz.writeSeeds")) {
        write(Path.of("src/test/resources", name), seed.getValue());
      } else {
        assertNotNull(test.getClassLoader().getResource(name), "missing seed " + name);
      }
    }
  }

  private static void write(Path path, byte[] bytes) {
    try {
      Files.createDirectories(path.getParent());
      Files.write(path, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
