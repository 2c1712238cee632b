/**
 * continuum inside xmemcached: {@link dev.continuum.xmemcached.ContinuumSessionLocator} places keys
 * with any continuum algorithm, including the {@code xmemcached} dialect that reproduces xmemcached's
 * own ketama locator.
 */
package dev.continuum.xmemcached;
