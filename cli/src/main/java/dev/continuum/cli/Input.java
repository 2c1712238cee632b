package dev.continuum.cli;

import dev.continuum.ServerList.FormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files the command line reads, read within limits: an endless or huge input ({@code /dev/zero},
 * a runaway log given by mistake) is rejected with one line naming it and the limit, before memory
 * runs out, and a directory or a byte that is not UTF-8 is named with its file and line.
 */
final class Input {
  /** Largest configuration file (server list, libketama file, twemproxy YAML): 64 MiB. */
  static final int MAX_CONFIG_BYTES = 64 << 20;

  /** Longest line of a server list or libketama file, in bytes. */
  static final int MAX_SERVER_LINE_BYTES = 64 << 10;

  /** Longest key (one line of keys), in bytes: 1 MiB. */
  static final int MAX_KEY_BYTES = 1 << 20;

  private static final int CHUNK = 64 << 10;

  private Input() {}

  /**
   * A configuration file as text: at most {@link #MAX_CONFIG_BYTES}, valid UTF-8 (a leading
   * byte-order mark is kept for the parser to skip), and, when {@code maxLine > 0}, no line longer
   * than {@code maxLine} bytes.
   *
   * @throws UserException for a directory, a file over a limit, or bytes that are not UTF-8, naming
   *     the file (and line)
   * @throws NoSuchFileException when the file does not exist
   */
  static String text(Path file, int maxLine) throws IOException {
    byte[] bytes = bytes(file, maxLine);
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return strict.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw notUtf8(file.toString(), bytes);
    }
  }

  /** Rejects a directory by name: opening one fails with a message that does not say which path. */
  static void requireFile(Path file) throws NoSuchFileException {
    if (Files.isDirectory(file)) {
      throw new UserException(file + ": is a directory, not a file");
    }
  }

  private static byte[] bytes(Path file, int maxLine) throws IOException {
    requireFile(file);
    if (Files.isRegularFile(file) && Files.size(file) > MAX_CONFIG_BYTES) {
      throw tooLarge(file, Files.size(file) + " bytes");
    }
    // Devices and pipes have no size: read in chunks, checking the limits as the bytes arrive.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[CHUNK];
    int line = 1;
    int lineLength = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(chunk)) > 0; ) {
        if (out.size() + (long) n > MAX_CONFIG_BYTES) {
          throw tooLarge(file, null);
        }
        if (maxLine > 0) {
          for (int i = 0; i < n; i++) {
            if (chunk[i] == '\n') {
              line++;
              lineLength = 0;
            } else if (++lineLength > maxLine) {
              throw new FormatException(file.toString(), line, "line longer than " + String.format("%,d", maxLine)
                  + " bytes (the limit for a line of this file)");
            }
          }
        }
        out.write(chunk, 0, n);
      }
    }
    return out.toByteArray();
  }

  private static UserException tooLarge(Path file, String size) {
    return new UserException(file + ": file larger than " + String.format("%,d", MAX_CONFIG_BYTES)
        + " bytes (the limit for a configuration file)" + (size == null ? "" : ", got " + size));
  }

  /** The error for the first byte sequence of {@code bytes} that is not UTF-8, with its line. */
  static FormatException notUtf8(String source, byte[] bytes) {
    int bad = firstMalformed(bytes, 0, bytes.length);
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < bad; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new FormatException(source, line, "not UTF-8 (byte 0x"
        + String.format("%02x", bytes[Math.min(bad, bytes.length - 1)] & 0xff) + " at column " + (bad - lineStart + 1)
        + "); save the file as UTF-8");
  }

  /** The offset of the first byte of {@code b[from, to)} that does not start a valid UTF-8 sequence, or {@code to}. */
  static int firstMalformed(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int c = b[i] & 0xff;
      int n;
      int min;
      if (c < 0x80) {
        i++;
        continue;
      } else if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        min = 0x10000;
      } else {
        return i;
      }
      if (i + n >= to) {
        return i; // truncated sequence
      }
      int cp = c & (0x3f >> n);
      for (int k = 1; k <= n; k++) {
        int d = b[i + k] & 0xff;
        if ((d & 0xc0) != 0x80) {
          return i;
        }
        cp = cp << 6 | (d & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return i;
      }
      i += n + 1;
    }
    return to;
  }
}
