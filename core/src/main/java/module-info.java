/**
 * continuum: consistent hashing for Java. Everything public is in the package {@code dev.continuum}:
 * {@link dev.continuum.Continuum} places keys on servers with the {@link dev.continuum.Algorithm}
 * chosen; the implementations are package-private. No runtime dependencies.
 */
module dev.continuum {
  exports dev.continuum;
}
