/**
 * continuum for spymemcached 2.12.3: {@link dev.continuum.spymemcached.ContinuumNodeLocator} places a
 * {@code MemcachedClient}'s keys with any continuum algorithm, and
 * {@link dev.continuum.spymemcached.ContinuumConnectionFactory#wrap} plugs it into a client built the
 * usual way.
 */
package dev.continuum.spymemcached;
