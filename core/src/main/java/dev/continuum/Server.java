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
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return copies.
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

  /**
   * A server with capacity 1.
   *
   * @param host the host name or IP address (IPv6 without brackets), used as given: never resolved,
   *     never case-folded
   * @param port the port, 1 to 65535
   * @return the server
   * @throws IllegalArgumentException if the host is null, blank, or holds whitespace, control or invisible
   *     format characters, brackets or unpaired surrogates, or the port is
   *     outside 1..65535
   */
  public static Server of(String host, int port) {
    return of(host, port, 1);
  }

  /**
   * A server with the given capacity.
   *
   * @param host the host name or IP address (IPv6 without brackets), used as given: never resolved,
   *     never case-folded
   * @param port the port, 1 to 65535
   * @param capacity the weight, 0 or more (0 is allowed: the server stays listed but receives no keys
   *     where the algorithm allows that)
   * @return the server
   * @throws IllegalArgumentException if the host is null, blank, or holds whitespace, control or invisible
   *     format characters, brackets or unpaired surrogates, the port is outside
   *     1..65535 or the capacity is negative
   */
  public static Server of(String host, int port, int capacity) {
    return new Server(Checks.host(host), Checks.port(port), Checks.capacity(capacity), null, null, 0);
  }

  /**
   * Parses {@code host:port} or {@code host:port:capacity}. IPv6 literals are written in brackets,
   * as in {@code [::1]:11211}. Surrounding whitespace is ignored; the capacity defaults to 1.
   *
   * @param spec the text, such as {@code 10.0.0.1:11211:2}
   * @return the server
   * @throws IllegalArgumentException with a message saying what is wrong: null text, no port, a port
   *     or capacity that is not a number, or any reason {@link #of(String, int, int)} rejects
   */
  public static Server parse(String spec) {
    return Checks.parseServer(spec);
  }

  /**
   * The host, as given.
   *
   * @return the host name or IP address (IPv6 without brackets)
   */
  public String host() {
    return host;
  }

  /**
   * The port.
   *
   * @return the port, 1 to 65535
   */
  public int port() {
    return port;
  }

  /**
   * The capacity (weight): with weighted algorithms, a server's share of keys is about its share of
   * the total capacity.
   *
   * @return the capacity, 0 or more
   */
  public int capacity() {
    return capacity;
  }

  /**
   * The server's name: twemproxy's optional server name, which replaces {@code host:port} on its
   * ring, and pymemcache's node string when set.
   *
   * @return the name, or {@code null} when it has none
   */
  public String name() {
    return name;
  }

  /**
   * The resolved IP address of the host, or {@code null} when none was given. Only spymemcached's
   * default node-key format uses it; continuum never resolves names itself.
   *
   * @return the address, or {@code null} when none was given
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

  /**
   * The server as text that {@link #parse(String)} reads back (without the capacity).
   *
   * @return {@code host:port}, with IPv6 literals in brackets
   */
  public String hostPort() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * A copy with another capacity; name and address are kept.
   *
   * @param capacity the new capacity, 0 or more
   * @return the copy
   * @throws IllegalArgumentException if the capacity is negative
   */
  public Server withCapacity(int capacity) {
    return new Server(host, port, Checks.capacity(capacity), name, address, id);
  }

  /**
   * A copy with a name (twemproxy's server name, pymemcache's node string); capacity and address are
   * kept.
   *
   * @param name the name, or {@code null} for none
   * @return the copy
   * @throws IllegalArgumentException if the name is empty
   */
  public Server withName(String name) {
    return new Server(host, port, capacity, Checks.optionalName(name), address, id);
  }

  /**
   * A copy with the IP address the host resolved to, as spymemcached's JVM saw it; capacity and name
   * are kept.
   *
   * @param address the address, or {@code null} for none
   * @return the copy
   * @throws IllegalArgumentException if the address is blank or holds whitespace, control or
   *     invisible characters
   */
  public Server withAddress(String address) {
    return new Server(host, port, capacity, name, Checks.optionalAddress(address), id);
  }

  /**
   * Servers are equal when host and port are; capacity, name and address do not count.
   *
   * @param o any object
   * @return true for a {@code Server} with the same host and port
   */
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

  /**
   * A hash of host and port, consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return 31 * host.hashCode() + port;
  }

  /**
   * Exactly python-continuum's form, such as {@code <Server "192.168.0.1:8080", capacity=1>}.
   *
   * @return the text form
   */
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
