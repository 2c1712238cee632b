package dev.continuum.compat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random keys that an HTTP proxy hashes exactly as sent in a header: 1 to 120 bytes, printable
 * ASCII, inner spaces, multi-byte UTF-8 and raw bytes above 0x7f (header values carry them as
 * obs-text), never a control byte, a comma (HAProxy's {@code hdr()} splits values at commas) or a
 * space at either end (both proxies trim it).
 */
final class ProxyKeys {
  private static final int[] WIDE = {'é', 'ü', 'ß', 'λ', 'Ж', '日', '本', 0x1F600, 0x10348};

  private ProxyKeys() {}

  static List<byte[]> keys(Random r, int n) {
    Set<String> seen = new LinkedHashSet<>();
    List<byte[]> out = new ArrayList<>(n);
    while (out.size() < n) {
      byte[] k = r.nextInt(10) == 0 ? rawBytes(r) : text(r).getBytes(StandardCharsets.UTF_8);
      if (acceptable(k) && seen.add(HexFormat.of().formatHex(k))) {
        out.add(k);
      }
    }
    return out;
  }

  private static String text(Random r) {
    int length = r.nextInt(20) == 0 ? 60 + r.nextInt(60) : 1 + r.nextInt(24);
    StringBuilder b = new StringBuilder();
    int style = r.nextInt(3);
    for (int i = 0; i < length; i++) {
      int kind = style == 0 ? 0 : r.nextInt(6);
      if (kind == 1) {
        b.append(' ');
      } else if (kind == 2) {
        b.appendCodePoint(WIDE[r.nextInt(WIDE.length)]);
      } else {
        b.append((char) (0x21 + r.nextInt(0x7e - 0x21 + 1)));
      }
    }
    return b.toString();
  }

  private static byte[] rawBytes(Random r) {
    byte[] k = new byte[1 + r.nextInt(16)];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (0x21 + r.nextInt(0x100 - 0x21));
    }
    return k;
  }

  static boolean acceptable(byte[] k) {
    if (k.length == 0 || k[0] == ' ' || k[k.length - 1] == ' ') {
      return false;
    }
    for (byte b : k) {
      if ((b & 0xFF) < 0x20 || b == 0x7f || b == ',') {
        return false;
      }
    }
    return true;
  }

  /** The index of {@code backend-i} in {@code backends} (the backend of each server line, in order). */
  static int lineOf(String answer, List<Integer> backends, String proxy) {
    if (!answer.startsWith("backend-")) {
      throw new AssertionError(proxy + " answered \"" + answer + "\", not backend-N");
    }
    int backend = Integer.parseInt(answer.substring(8));
    int line = backends.indexOf(backend);
    if (line < 0) {
      throw new AssertionError(proxy + " sent a key to backend " + backend + ", which is not in its list " + backends);
    }
    return line;
  }
}
