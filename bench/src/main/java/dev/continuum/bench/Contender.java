package dev.continuum.bench;

/**
 * One adapter over continuum and every peer, so that all are timed on the same keys and servers
 * through the same call.
 */
interface Contender {
  /**
   * The contender's own server object for {@code key}, as its users would get it (a node, a session,
   * a shard info, an element of the caller's server array). Hash-only floors return a token.
   */
  Object locate(String key);

  /** {@code host:port} of a server {@link #locate} returned; null for a hash-only floor. */
  String nameOf(Object located);

  /** True when fleet server {@code server} was removed and must take no key. */
  default boolean removed(int server) {
    return false;
  }
}
