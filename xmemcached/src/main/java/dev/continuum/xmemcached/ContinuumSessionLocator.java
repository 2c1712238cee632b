package dev.continuum.xmemcached;

import com.google.code.yanf4j.core.Session;
import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.rubyeye.xmemcached.MemcachedSessionLocator;
import net.rubyeye.xmemcached.networking.MemcachedSession;
import net.rubyeye.xmemcached.utils.InetSocketAddressWrapper;

/**
 * An xmemcached {@link MemcachedSessionLocator} that places keys with continuum: set it with
 * {@code XMemcachedClientBuilder.setSessionLocator(new ContinuumSessionLocator(Algorithm.X))}.
 *
 * <p>Each memcached server is a continuum {@link Server} with the port and weight the client was
 * given, named by the locator's {@link ServerNames}: by default ({@link ServerNames#XMEMCACHED}) as
 * xmemcached names it, host name and resolved IP from the connected session; with
 * {@link ServerNames#IP} by the IP address the client was given. With {@link Algorithm#XMEMCACHED}
 * (the default) keys go exactly where xmemcached's own {@code KetamaMemcachedSessionLocator} puts
 * them; with another algorithm, where that algorithm puts them (for example
 * {@link Algorithm#TWEMPROXY_MD5} with {@link ServerNames#IP} to share servers with a nutcracker
 * configured with the same IP addresses):
 *
 * <pre>{@code
 * builder.setSessionLocator(ContinuumSessionLocator.builder(Algorithm.TWEMPROXY_MD5)
 *     .serverNames(ContinuumSessionLocator.ServerNames.IP).build());
 * }</pre>
 *
 * <p>Thread safety: lookups read one immutable snapshot (a continuum and its sessions) through a
 * volatile field and never block; {@link #updateSessions} builds the next snapshot under a lock,
 * incrementally from the previous one where the server order allows, and publishes it in one write.
 *
 * <p>Failover: when failure mode is off (xmemcached's default) and every connection to a key's
 * server is closed, the key goes to the next live server of its replica list
 * ({@code Continuum.resolve(key, n)}), not to xmemcached's rehash. In failure mode the closed session
 * is returned, as xmemcached does.
 */
public final class ContinuumSessionLocator implements MemcachedSessionLocator {
  /**
   * How a memcached server is named on the continuum: the name is what name-based algorithms hash
   * (the ketama dialects' point strings, rendezvous scores), so it decides which programs sharing the
   * servers agree on every key.
   */
  public enum ServerNames {
    /**
     * As xmemcached names it: the host name and IP the client recorded when it first connected
     * ({@code "host/ip:port"}), as {@code Server.of(host, port).withAddress(ip)}. With
     * {@code resolveInetAddresses} on (xmemcached's default) xmemcached asks an IP literal for its
     * host name, so {@code 127.0.0.1} becomes {@code localhost} where it reverse-resolves; with it off
     * the server is named by its IP. This is what {@link Algorithm#XMEMCACHED} needs to match
     * xmemcached's own locator.
     */
    XMEMCACHED,
    /**
     * By the IP address and port the client was given ({@code Server.of(ip, port).withAddress(ip)}),
     * whatever host name xmemcached looked up: how nutcracker, pymemcache, libmemcached or
     * spymemcached name a server given to them as the same IP literal. A server given by host name is
     * named by the IP it resolved to.
     */
    IP
  }

  /**
   * Options of a locator: the placement and how servers are named. Setters check their argument at
   * once. Not thread-safe; the locators it builds are.
   */
  public static final class Builder {
    private final Continuum.Builder config;
    private ServerNames names = ServerNames.XMEMCACHED;

    private Builder(Continuum.Builder config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * How servers are named (default {@link ServerNames#XMEMCACHED}).
     *
     * @param names the naming
     * @return this builder
     * @throws NullPointerException if {@code names} is null
     */
    public Builder serverNames(ServerNames names) {
      this.names = Objects.requireNonNull(names, "names");
      return this;
    }

    /**
     * A new locator with these options. The placement builder is read here, once.
     *
     * @return the locator, with no servers until the client reports its sessions
     * @throws IllegalArgumentException if the placement builder's options are refused
     */
    public ContinuumSessionLocator build() {
      return new ContinuumSessionLocator(config, names);
    }
  }

  /** What a lookup reads: never changed once published. */
  private static final class State {
    final Continuum continuum;
    final Map<Server, Session[]> sessions;

    State(Continuum continuum, Map<Server, Session[]> sessions) {
      this.continuum = continuum;
      this.sessions = sessions;
    }
  }

  private final Continuum empty;
  private final ServerNames names;
  private final Object writeLock = new Object();
  private volatile State state;
  private volatile boolean failureMode;

  /** A locator with the {@link Algorithm#XMEMCACHED} dialect: xmemcached's own placement. */
  public ContinuumSessionLocator() {
    this(Algorithm.XMEMCACHED);
  }

  /**
   * A locator placing keys with {@code algorithm} at its default options.
   *
   * @param algorithm the placement
   * @throws NullPointerException if {@code algorithm} is null
   */
  public ContinuumSessionLocator(Algorithm algorithm) {
    this(Continuum.builder(Objects.requireNonNull(algorithm, "algorithm")));
  }

  /**
   * A locator placing keys as continuums built by {@code config} do (algorithm and options).
   *
   * @param config the builder of the placement; read once, here
   * @throws NullPointerException if {@code config} is null
   */
  public ContinuumSessionLocator(Continuum.Builder config) {
    this(config, ServerNames.XMEMCACHED);
  }

  private ContinuumSessionLocator(Continuum.Builder config, ServerNames names) {
    this.empty = Objects.requireNonNull(config, "config").build();
    this.names = names;
    this.state = new State(empty.copy(), Map.of());
  }

  /**
   * Options for a locator placing keys with {@code algorithm} at its default options.
   *
   * @param algorithm the placement
   * @return a builder with {@link ServerNames#XMEMCACHED} naming
   * @throws NullPointerException if {@code algorithm} is null
   */
  public static Builder builder(Algorithm algorithm) {
    return new Builder(Continuum.builder(Objects.requireNonNull(algorithm, "algorithm")));
  }

  /**
   * Options for a locator placing keys as continuums built by {@code config} do.
   *
   * @param config the algorithm and its options; read when the locator is built
   * @return a builder with {@link ServerNames#XMEMCACHED} naming
   * @throws NullPointerException if {@code config} is null
   */
  public static Builder builder(Continuum.Builder config) {
    return new Builder(config);
  }

  /**
   * The session of the server continuum places {@code key} on: an open one of its connections, or
   * with failure mode off and none open, the first server down its replica list that has one.
   *
   * @param key the memcached key
   * @return the session, or null when no server is known
   */
  @Override
  public Session getSessionByKey(String key) {
    State s = state;
    if (s.sessions.isEmpty()) {
      return null;
    }
    Session[] pool = s.sessions.get(s.continuum.resolve(key));
    Session open = open(pool, key);
    if (open != null || failureMode) {
      return open != null ? open : pool[0];
    }
    List<Server> replicas = s.continuum.resolve(key, s.sessions.size());
    for (int i = 1; i < replicas.size(); i++) {
      Session next = open(s.sessions.get(replicas.get(i)), key);
      if (next != null) {
        return next;
      }
    }
    return pool[0];
  }

  /** An open session of {@code pool}, spread over the pool by the key, or null when all are closed. */
  private static Session open(Session[] pool, String key) {
    int start = Math.floorMod(key.hashCode(), pool.length);
    for (int i = 0; i < pool.length; i++) {
      Session s = pool[(start + i) % pool.length];
      if (!s.isClosed()) {
        return s;
      }
    }
    return null;
  }

  /**
   * Takes the client's current sessions (all connections to all servers): servers that appeared are
   * added, servers that are gone removed, changed weights updated.
   *
   * @param list every session of the client
   * @throws IllegalArgumentException if the algorithm refuses the servers (for example weight 0
   *     with the {@code xmemcached} dialect); the previous placement stays in use
   */
  @Override
  public void updateSessions(Collection<Session> list) {
    Objects.requireNonNull(list, "list");
    synchronized (writeLock) {
      Map<Server, List<Session>> grouped = new LinkedHashMap<>();
      Map<Server, Server> canonical = new HashMap<>();
      for (Session session : list) {
        Server server = serverOf(session, names);
        Server first = canonical.putIfAbsent(server, server);
        grouped.computeIfAbsent(first != null ? first : server, k -> new ArrayList<>()).add(session);
      }
      List<Server> servers = new ArrayList<>(grouped.keySet());
      Continuum next = nextContinuum(state.continuum, servers);
      Map<Server, Session[]> sessions = new HashMap<>();
      for (Server server : next.servers()) {
        sessions.put(server, grouped.get(server).toArray(new Session[0]));
      }
      state = new State(next, Map.copyOf(sessions));
    }
  }

  /** The servers applied to a copy of the current continuum: incrementally where the order allows. */
  private Continuum nextContinuum(Continuum current, List<Server> servers) {
    Set<Server> now = new HashSet<>(servers);
    List<Server> kept = new ArrayList<>();
    for (Server s : current.servers()) {
      if (now.contains(s)) {
        kept.add(s);
      }
    }
    Continuum next;
    if (servers.subList(0, kept.size()).equals(kept)) {
      next = current.copy();
      List<Server> gone = new ArrayList<>();
      for (Server s : current.servers()) {
        if (!now.contains(s)) {
          gone.add(s);
        }
      }
      if (!gone.isEmpty()) {
        next.removeServers(gone);
      }
      for (int i = 0; i < kept.size(); i++) {
        Server before = current.servers().get(current.servers().indexOf(kept.get(i)));
        Server after = servers.get(i);
        if (before.capacity() != after.capacity() || !Objects.equals(before.address(), after.address())) {
          next.updateServer(after);
        }
      }
      if (servers.size() > kept.size()) {
        next.addServers(servers.subList(kept.size(), servers.size()));
      }
    } else {
      next = empty.copy();
      next.addServers(servers);
    }
    if (!next.autogenerates()) {
      next.generate();
    }
    return next;
  }

  /**
   * The continuum server of a session, named by {@code names}, weight from the client. xmemcached
   * records the address text {@code "host/ip:port"} when the session first connects; the address the
   * client was given is its wrapper's resolved address (the session's own remote address may be a
   * fresh lookup of the host name).
   */
  static Server serverOf(Session session, ServerNames names) {
    InetSocketAddress given = session.getRemoteSocketAddress();
    String text = null;
    int weight = 1;
    if (session instanceof MemcachedSession) {
      MemcachedSession m = (MemcachedSession) session;
      weight = m.getWeight();
      InetSocketAddressWrapper wrapper = m.getInetSocketAddressWrapper();
      if (wrapper != null) {
        text = wrapper.getRemoteAddressStr();
        if (wrapper.getResolvedSocketAddress() != null) {
          given = wrapper.getResolvedSocketAddress();
        }
      }
    }
    if (names == ServerNames.IP) {
      if (given.isUnresolved()) {
        throw new IllegalArgumentException("memcached server " + given.getHostString() + ":" + given.getPort()
            + " has no IP address to be named by (ServerNames.IP)");
      }
      String ip = given.getAddress().getHostAddress();
      return Server.of(ip, given.getPort(), weight).withAddress(ip);
    }
    if (text == null) {
      text = String.valueOf(given);
    }
    int slash = text.indexOf('/');
    int colon = text.lastIndexOf(':');
    String host = slash > 0 ? text.substring(0, slash) : null;
    String ip = text.substring(slash + 1, colon);
    if (ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    int port = Integer.parseInt(text.substring(colon + 1));
    Server server = Server.of(host != null ? host : ip, port, weight);
    return host != null && !host.equals(ip) ? server.withAddress(ip) : server;
  }

  /**
   * Failure mode as xmemcached sets it: when on, a key whose server's connections are closed still
   * gets that server's (closed) session, so the call fails instead of moving to another server.
   *
   * @param failureMode whether failure mode is on
   */
  @Override
  public void setFailureMode(boolean failureMode) {
    this.failureMode = failureMode;
  }

  /**
   * The continuum placing keys now (a copy: changing it changes nothing here).
   *
   * @return a copy of the current placement
   */
  public Continuum continuum() {
    return state.continuum.copy();
  }
}
