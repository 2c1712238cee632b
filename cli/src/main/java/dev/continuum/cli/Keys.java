package dev.continuum.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  /** The user's key file, or null for sample keys. */
  private final Path user;
  final String description;

  private Keys(long count, Path user, String description) {
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

  /**
   * The non-empty lines of {@code file}, as raw bytes. Streamed, never held: the file is counted (and
   * its line lengths checked) once here and read again for each pass, so any size fits in memory.
   */
  static Keys file(Path file) throws IOException {
    Input.requireFile(file);
    long[] count = new long[1];
    read(file, key -> count[0]++);
    if (count[0] == 0) {
      throw new dev.continuum.ServerList.FormatException(file.toString(), 1, "no keys in the file");
    }
    return new Keys(count[0], file, String.format("replayed: %,d keys from %s", count[0], file));
  }

  private static void read(Path file, Consumer<byte[]> action) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyReader reader = new KeyReader(in, file.toString(), () -> { });
      while (reader.next()) {
        if (reader.keyEnd() > reader.keyStart()) {
          action.accept(reader.key());
        }
      }
    }
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
      long[] i = new long[1];
      try {
        read(user, key -> {
          action.accept(key);
          if ((i[0]++ & 0xffff) == 0) {
            progress.update(i[0]);
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
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
