package dev.continuum.compat;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;
import net.rubyeye.xmemcached.networking.MemcachedSession;
import net.rubyeye.xmemcached.utils.InetSocketAddressWrapper;
import com.google.code.yanf4j.core.Session;

/**
 * The real xmemcached 2.4.8 {@code KetamaMemcachedSessionLocator} over stand-in sessions that know
 * only their address and weight, set up as xmemcached's connector sets up a connected session: its
 * {@code remoteAddressStr} is {@code String.valueOf} of the socket address. The live tests check that
 * a connected client names its servers the same way.
 */
final class XmemcachedOracle {
  /** A server: {@code ip} null for an IP literal given as {@code host}. */
  record Node(String host, String ip, int port, int weight) {
    /**
     * The node's address as xmemcached holds it once it has asked for its host name. One liberty:
     * an IP literal is given itself as its host name, which is what {@code getHostName()} returns for
     * an IP without a PTR record, without a reverse lookup (slow and machine-dependent).
     */
    InetSocketAddress address() {
      String literal = ip == null ? host : ip;
      try {
        return new InetSocketAddress(InetAddress.getByAddress(host, InetAddress.getByName(literal).getAddress()), port);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(literal, e);
      }
    }

    @Override
    public String toString() {
      return (ip == null ? host : host + "/" + ip) + ":" + port + " w" + weight;
    }
  }

  private XmemcachedOracle() {}

  /** The locator over {@code nodes}, default mode or cwNginxUpstreamConsistent. */
  static KetamaMemcachedSessionLocator locator(boolean nginx, List<Node> nodes, Map<Session, Integer> index) {
    List<Session> sessions = new ArrayList<>();
    for (Node n : nodes) {
      Session s = standIn(n);
      index.put(s, sessions.size());
      sessions.add(s);
    }
    KetamaMemcachedSessionLocator locator = new KetamaMemcachedSessionLocator(nginx);
    locator.updateSessions(sessions);
    return locator;
  }

  /** The node index {@code getSessionByKey} picks for each key. */
  static int[] place(boolean nginx, List<Node> nodes, List<String> keys) {
    Map<Session, Integer> index = new IdentityHashMap<>();
    KetamaMemcachedSessionLocator locator = locator(nginx, nodes, index);
    int[] out = new int[keys.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = index.get(locator.getSessionByKey(keys.get(i)));
    }
    return out;
  }

  /** The name xmemcached's default mode gives the node on its ring. */
  static String sockStr(Node n) {
    return String.valueOf(n.address());
  }

  private static Session standIn(Node n) {
    InetSocketAddress address = n.address();
    InetSocketAddressWrapper wrapper = new InetSocketAddressWrapper(address, 0, n.weight(), null);
    wrapper.setRemoteAddressStr(String.valueOf(address)); // what MemcachedConnector.addSession records
    return (Session) Proxy.newProxyInstance(MemcachedSession.class.getClassLoader(),
        new Class<?>[] {MemcachedSession.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getInetSocketAddressWrapper" -> wrapper;
          case "getRemoteSocketAddress" -> address;
          case "getWeight" -> n.weight();
          case "isClosed" -> false;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "stand-in " + n;
          default -> throw new UnsupportedOperationException("stand-in session: " + method.getName());
        });
  }
}
