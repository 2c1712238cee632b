package dev.continuum.bench;

import dev.continuum.BenchAccess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;

/** The checks every benchmark runs before timing: a contender that answers wrongly is not timed. */
final class Verify {
  private Verify() {}

  static void contender(String name, Contender c, Fleet fleet) {
    if (name.startsWith("floor-")) {
      if (name.contains("md5")) {
        md5Floors(fleet);
      }
      return;
    }
    Set<String> members = new HashSet<>(java.util.Arrays.asList(fleet.names));
    for (String key : fleet.keys) {
      String got = c.nameOf(c.locate(key));
      if (!members.contains(got)) {
        throw new IllegalStateException(name + " placed " + key + " on " + got + ", not one of its " + fleet.size() + " servers");
      }
    }
    if (name.equals("continuum-spymemcached")) {
      agree(name, c, "spymemcached", Contenders.spymemcached(fleet), fleet);
    }
    if (name.startsWith("continuum-")) {
      md5Floors(fleet); // the md5 rings hash keys with continuum's MD5, checked here against the JDK's
    }
  }

  /** Every key must go to the same server in both. */
  static void agree(String name, Contender c, String peerName, Contender peer, Fleet fleet) {
    int differ = 0;
    String example = null;
    for (String key : fleet.keys) {
      String mine = c.nameOf(c.locate(key));
      String theirs = peer.nameOf(peer.locate(key));
      if (!mine.equals(theirs)) {
        differ++;
        example = key + ": " + mine + " vs " + theirs;
      }
    }
    if (differ > 0) {
      throw new IllegalStateException(name + " disagrees with " + peerName + " on " + differ + " of "
          + fleet.keys.length + " keys, e.g. " + example);
    }
  }

  /** continuum's MD5 word 0 equals word 0 of MessageDigest's MD5 of the UTF-8 bytes, on every key. */
  static void md5Floors(Fleet fleet) {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (String key : fleet.keys) {
      byte[] d = md5.digest(key.getBytes(StandardCharsets.UTF_8));
      int want = (d[0] & 0xFF) | (d[1] & 0xFF) << 8 | (d[2] & 0xFF) << 16 | (d[3] & 0xFF) << 24;
      if (BenchAccess.md5(key) != want) {
        throw new IllegalStateException("continuum md5 differs from MessageDigest on " + key);
      }
    }
  }
}
