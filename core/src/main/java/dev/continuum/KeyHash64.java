package dev.continuum;

/**
 * The 64-bit hash of a key that continuum's own algorithms (ring, jump, memento, maglev, rendezvous,
 * multi-probe, bounded-load) place by: the one seam between hashing and placement, as in hash4j,
 * where {@code Hasher64} turns a key into a {@code long} and {@code ConsistentHashing} places that
 * {@code long}. A placement holds one instance, chosen by its factory from the {@link Options}
 * ({@link Options#keyHash64()}), and never hashes a key any other way; swapping the function changes
 * every such placement and nothing else.
 *
 * <p>The compatibility dialects do not use this seam: each reproduces a peer's own 32-bit key hash
 * ({@link KeyHash}: md5, one-at-a-time, twemproxy's fnv1a_64) or pymemcache's murmur3 over code
 * points, fixed by the peer and never selectable. The two are kept apart on purpose: widening a
 * 32-bit peer hash to this interface would suggest that it could be swapped, and narrowing this one
 * to 32 bits would throw away the bits jump and memento consume.
 *
 * <p>Contract: stateless after construction and thread-safe; {@code hash(CharSequence)} equals
 * {@code hash} of the sequence's UTF-8 bytes (unpaired surrogates encoded as {@code '?'}, as
 * {@link java.nio.charset.StandardCharsets#UTF_8} does); neither method allocates.
 */
interface KeyHash64 {
  /** The hash of {@code key[offset, offset + length)}. */
  long hash(byte[] key, int offset, int length);

  /** The hash of the UTF-8 encoding of {@code key}, computed without allocating. */
  long hash(CharSequence key);
}
