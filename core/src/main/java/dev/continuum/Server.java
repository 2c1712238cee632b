package dev.continuum;

import java.util.Objects;

/**
 * A backend a key can be placed on: a host, a port and a capacity (its weight).
 *
 * <p>Servers are immutable values. Two servers are equal when their host and port are equal, whatever
 * their capacity, name or address: this is how python-continuum tells servers apart, and it is what
 * makes "server already added" and "remove by host and port" well defined.
 *
 * <p>Some dialects need more than host and port to name a server on their ring: twemproxy uses a
 * server's {@linkplain #name() name} when the configuration gives one, and spymemcached's default
 * node key contains the {@linkplain #address() resolved address}. Both are optional and never take
 * part in equality.
 */
public final class Server {
  private final String host;
  private final int port;
  private final int capacity;
  private final String name;
  private final String address;
  private final int id;

  private Server(String host, int port, int capacity, String name, String address, int id) {
    this.host = host;
    this.port = port;
    this.capacity = capacity;
    this.name = name;
    this.address = address;
    this.id = id;
  }

  /** A server with capacity 1. */
  public static Server of(String host, int port) {
    return of(host, port, 1);
  }

  /**
   * A server with the given capacity.
   *
   * @throws IllegalArgumentException if the host is null or blank, the port is outside 1..65535 or
   *     the capacity is negative (0 is allowed: the server stays listed but receives no keys where
   *     the algorithm allows that)
   */
  public static Server of(String host, int port, int capacity) {
    return new Server(Checks.host(host), Checks.port(port), Checks.capacity(capacity), null, null, 0);
  }

  /**
   * Parses {@code host:port} or {@code host:port:capacity}. IPv6 literals are written in brackets,
   * as in {@code [::1]:11211}.
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  public static Server parse(String spec) {
    return Checks.parseServer(spec);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public int capacity() {
    return capacity;
  }

  /** The server's name (twemproxy's optional server name), or {@code null} when it has none. */
  public String name() {
    return name;
  }

  /**
   * The resolved IP address of the host, or {@code null} when none was given. Only spymemcached's
   * default node-key format uses it; continuum never resolves names itself.
   */
  public String address() {
    return address;
  }

  /**
   * The server's numeric id (HAProxy's {@code id} keyword), or 0 when it has none. Only the HAProxy
   * dialects place by it; a server without one gets the id HAProxy would assign from its position
   * in the list. Never part of equality.
   *
   * @return the id, at least 1, or 0 for none
   */
  public int id() {
    return id;
  }

  /**
   * A copy with a numeric id (HAProxy's {@code server ... id N}), or none with 0.
   *
   * @param id the id, 1..2147483647, or 0 for none
   * @return the copy
   * @throws IllegalArgumentException if {@code id} is negative
   */
  public Server withId(int id) {
    return new Server(host, port, capacity, name, address, Checks.optionalId(id));
  }

  /** {@code host:port}, with IPv6 literals in brackets. */
  public String hostPort() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** A copy with another capacity. */
  public Server withCapacity(int capacity) {
    return new Server(host, port, Checks.capacity(capacity), name, address, id);
  }

  /** A copy with a name (or none, with {@code null}). */
  public Server withName(String name) {
    return new Server(host, port, capacity, Checks.optionalName(name), address, id);
  }

  /** A copy with a resolved address (or none, with {@code null}). */
  public Server withAddress(String address) {
    return new Server(host, port, capacity, name, Checks.optionalAddress(address), id);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Server)) {
      return false;
    }
    Server other = (Server) o;
    return port == other.port && host.equals(other.host);
  }

  @Override
  public int hashCode() {
    return 31 * host.hashCode() + port;
  }

  /** Exactly python-continuum's form: {@code <Server "192.168.0.1:8080", capacity=1>}. */
  @Override
  public String toString() {
    return "<Server \"" + host + ":" + port + "\", capacity=" + capacity + ">";
  }

  /** True when every field, not only host and port, is the same. */
  boolean sameAs(Server other) {
    return equals(other)
        && capacity == other.capacity
        && Objects.equals(name, other.name)
        && Objects.equals(address, other.address)
        && id == other.id;
  }
}
