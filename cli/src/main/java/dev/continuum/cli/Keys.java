package dev.continuum.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The keys a measurement places: either the user's own (one per line of a file), or a fixed
 * pseudo-random sample (16 lowercase hex characters each, the same sequence on every run, so before
 * and after a change see the same keys).
 */
final class Keys {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private final long count;
  private final byte[][] user;
  final String description;

  private Keys(long count, byte[][] user, String description) {
    this.count = count;
    this.user = user;
    this.description = description;
  }

  static Keys sample(long count) {
    if (count < 1) {
      throw new UserException("--keys must be at least 1, got " + count);
    }
    return new Keys(count, null, String.format("sampled: %,d pseudo-random keys", count));
  }

  static Keys file(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    byte[][] keys = lines.stream().filter(l -> !l.isEmpty()).map(l -> l.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    if (keys.length == 0) {
      throw new dev.continuum.ServerList.FormatException(file.toString(), 1, "no keys in the file");
    }
    return new Keys(keys.length, keys, String.format("replayed: %,d keys from %s", keys.length, file));
  }

  long count() {
    return count;
  }

  /**
   * Passes every key to {@code action}. The array passed may be reused for the next key: read it,
   * do not keep it.
   */
  void forEach(Consumer<byte[]> action, Progress progress) {
    if (user != null) {
      for (int i = 0; i < user.length; i++) {
        action.accept(user[i]);
        if ((i & 0xffff) == 0) {
          progress.update(i);
        }
      }
      return;
    }
    SplittableRandom random = new SplittableRandom(0x636f6e74696e75L);
    byte[] key = new byte[16];
    for (long i = 0; i < count; i++) {
      long v = random.nextLong();
      for (int j = 15; j >= 0; j--) {
        key[j] = HEX[(int) (v & 15)];
        v >>>= 4;
      }
      action.accept(key);
      if ((i & 0xffff) == 0) {
        progress.update(i);
      }
    }
  }
}
