package dev.continuum;

/**
 * An immutable placement built from an ordered server array: it turns a key into the index of a
 * server in that array. Every algorithm and dialect is one implementation.
 *
 * <p>Contract:
 * <ul>
 *   <li>Immutable once built, so any number of threads may read it without locks.
 *   <li>{@code index} returns a value in {@code [0, servers)} or {@code -1} when no server can take a
 *       key (no servers, or none holds a point). It allocates nothing.
 *   <li>{@code index(CharSequence)} equals {@code index} of the sequence's UTF-8 bytes.
 *   <li>{@code indexes} writes {@code n} distinct indexes in preference order, the first equal to
 *       {@code index}; callers guarantee {@code 1 <= n <= reachable()}.
 * </ul>
 */
abstract class Placement {
  /** Server index for the key's bytes {@code key[offset, offset + length)}, or -1. */
  abstract int index(byte[] key, int offset, int length);

  /** Server index for the UTF-8 encoding of {@code key}, or -1. */
  int index(CharSequence key) {
    byte[] buf = Utf8.scratch(key.length() * 3);
    return index(buf, 0, Utf8.encode(key, buf));
  }

  /**
   * An estimate of the bytes this placement holds (its arrays and tables, not the servers), for
   * reports such as {@code continuum compare}. Implementations count their own arrays.
   */
  abstract long memoryBytes();

  /**
   * The exact division of the 32-bit key-hash space among {@code servers} (the array this placement
   * was built over), named by its key hash, or {@code null} when the placement is not a ring looked up
   * by a 32-bit key hash, and shares can only be sampled. {@link RingPlacement} answers it for every
   * ring; nothing else should override this.
   */
  KeySpace keySpace(Server[] servers) {
    return null;
  }

  /**
   * Writes to {@code f} everything of {@code servers} (the array this placement was built over) that
   * decides where keys go, as this placement reads it: usually {@code f.servers(servers, reading)} with
   * its {@link Fingerprint.Reading}. Every placement class declares it, so {@link Fingerprint} never
   * asks which algorithm it describes.
   */
  abstract void describe(Server[] servers, Fingerprint f);

  /**
   * The servers in slot order, {@code slots}, when this placement is a {@link HashedPlacement} that
   * sends every key of 64-bit key hash {@code h} to {@code slots[JumpBack.bucket(h, slots.length)]}
   * unless that entry is null (a removed slot, whose keys only {@link #index(long)} places); otherwise
   * null, as by default. Over {@code servers}, the array this placement was built over, with at least
   * one server: {@code servers} itself when it is in slot order, else a new array. Neither is ever
   * written.
   */
  Server[] jumpBackSlots(Server[] servers) {
    return null;
  }

  /** The number of distinct servers some key can reach; the largest valid replica count. */
  abstract int reachable();

  /** Fills {@code out[0..n)} with distinct server indexes in preference order. */
  abstract void indexes(byte[] key, int offset, int length, int[] out, int n);

  /**
   * Server index for a key whose 64-bit key hash ({@link KeyHash64}) is {@code keyHash}, or -1: equal
   * to {@code index} of any key of that hash. Only placements of algorithms with
   * {@link Algorithm.Capability#PREHASHED_KEYS} override this; {@link Continuum} checks the capability
   * first, so the default is never reached from the API.
   */
  int index(long keyHash) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " places keys by its peer's own hash");
  }

  /** As {@link #indexes(byte[], int, int, int[], int)} for a key of 64-bit key hash {@code keyHash}. */
  void indexes(long keyHash, int[] out, int n) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " places keys by its peer's own hash");
  }

  /** As {@link #indexes(byte[], int, int, int[], int)} over the UTF-8 encoding of {@code key}. */
  void indexes(CharSequence key, int[] out, int n) {
    byte[] buf = Utf8.scratch(key.length() * 3);
    indexes(buf, 0, Utf8.encode(key, buf), out, n);
  }
}
