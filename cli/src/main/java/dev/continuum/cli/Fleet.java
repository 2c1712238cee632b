package dev.continuum.cli;

import dev.continuum.Algorithm;
import dev.continuum.Server;
import java.util.List;

/**
 * Servers read from one input, with the algorithm the input implies (a twemproxy pool names its
 * dialect; a libketama file implies the libketama ring), or null when it implies none.
 */
final class Fleet {
  final List<Server> servers;
  final Algorithm implied;
  final String source;
  /** True when the input implies HAProxy's avalanche modifier (a bare {@code hash-type consistent}). */
  final boolean avalanche;

  Fleet(List<Server> servers, Algorithm implied, String source) {
    this(servers, implied, source, false);
  }

  Fleet(List<Server> servers, Algorithm implied, String source, boolean avalanche) {
    this.servers = List.copyOf(servers);
    this.implied = implied;
    this.source = source;
    this.avalanche = avalanche;
  }
}
