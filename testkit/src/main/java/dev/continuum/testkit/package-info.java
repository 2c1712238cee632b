/**
 * Live-test utilities: run the real programs continuum is compared with, on 127.0.0.1 only.
 *
 * <ul>
 *   <li>{@link dev.continuum.testkit.LoopbackPorts}: free ports, "is it listening".
 *   <li>{@link dev.continuum.testkit.Memcached} and {@link dev.continuum.testkit.Nutcracker}: real
 *       servers as {@link java.lang.AutoCloseable}s. Every process started is stopped: by {@code
 *       close()}, by a shutdown hook, and by a watchdog shell that kills it when this JVM's pipe to
 *       it closes (even after {@code kill -9} of the JVM).
 *   <li>{@link dev.continuum.testkit.MemcacheTextClient}: set/get/delete, pipelined sets, and the
 *       keys a server holds ({@code lru_crawler metadump all}, URL-decoded).
 *   <li>{@link dev.continuum.testkit.CPrograms} and {@link dev.continuum.testkit.Processes}: gcc and
 *       any command with a timeout.
 *   <li>{@link dev.continuum.testkit.Programs}: finds the programs; a missing one is a {@link
 *       dev.continuum.testkit.MissingProgramError} (a test failure, never a skip) naming the Debian
 *       package to install.
 * </ul>
 *
 * <p>Every wait is bounded (10 s to start or stop a program, 10 s per protocol read). Logs,
 * configurations and compiled programs go to {@link dev.continuum.testkit.WorkDir#root()}.
 */
package dev.continuum.testkit;
