package dev.continuum.bench;

import dev.continuum.BenchSupport;
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
    Set<String> members = new HashSet<>();
    for (int i = 0; i < fleet.size(); i++) {
      if (!c.removed(i)) {
        members.add(fleet.names[i]);
      }
    }
    for (String key : fleet.keys) {
      String got = c.nameOf(c.locate(key));
      if (!members.contains(got)) {
        throw new IllegalStateException(name + " placed " + key + " on " + got + ", not one of its " + members.size() + " servers");
      }
    }
    if (name.equals("continuum-spymemcached")) {
      agree(name, c, "spymemcached", Contenders.spymemcached(fleet), fleet);
    }
    // JumpBackHash over continuum's key hash is continuum's jumpback, and memento with nothing removed
    // is jumpback: the same bucket for every key, so that their difference is the cost of the call.
    if (name.equals("hash4j-jumpback-continuum-hash") || name.equals("continuum-memento") || name.equals(Contenders.MIXED)) {
      agree(name, c, "continuum-jumpback", Contenders.create("continuum-jumpback", fleet), fleet);
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
      if (BenchSupport.md5(key) != want) {
        throw new IllegalStateException("continuum md5 differs from MessageDigest on " + key);
      }
    }
  }
}
