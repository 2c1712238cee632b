package dev.continuum.compat;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeKeyFormatter;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;

/**
 * The real spymemcached 2.12.3 {@code KetamaNodeLocator} with {@code DefaultHashAlgorithm.KETAMA_HASH},
 * over stand-in {@link MemcachedNode}s that only know their socket address (they never connect).
 */
final class SpymemcachedOracle {
  static {
    // Production runs spymemcached without -ea. Under the tests' -ea, an assert in
    // KetamaNodeLocator.setKetamaNodes (points == nodes * repetitions) fails whenever two nodes
    // share a point or the ring is weighted. This must run before KetamaNodeLocator is initialised.
    SpymemcachedOracle.class.getClassLoader().setPackageAssertionStatus("net.spy.memcached", false);
  }

  /** How a node's address was made: which decides spymemcached's node key. */
  enum Kind {
    /** {@code new InetSocketAddress("10.0.0.1", port)}, as AddrUtil does for IP literals. */
    IP,
    /** A host name resolved to an IP ({@code InetAddress.getByAddress(host, ip)}: no DNS involved). */
    RESOLVED,
    /** {@code InetSocketAddress.createUnresolved(host, port)}. */
    UNRESOLVED
  }

  /** One node: for {@link Kind#IP} the host is the IP literal and {@code ip} is null. */
  record Node(Kind kind, String host, String ip, int port, int weight) {
    /**
     * The node's address as spymemcached would hold it. One liberty: with the LIBMEMCACHED format an
     * IP literal is given itself as its host name. spymemcached calls {@code getHostName()}, which for
     * {@code new InetSocketAddress(ip, port)} is a reverse DNS lookup, slow and machine-dependent;
     * without a PTR record (as where the vectors were made) it returns the literal, as here.
     */
    InetSocketAddress address(KetamaNodeKeyFormatter.Format format) {
      return switch (kind) {
        case IP -> format == KetamaNodeKeyFormatter.Format.LIBMEMCACHED
            ? new InetSocketAddress(byAddress(host, host), port)
            : new InetSocketAddress(host, port);
        case RESOLVED -> new InetSocketAddress(byAddress(host, ip), port);
        case UNRESOLVED -> InetSocketAddress.createUnresolved(host, port);
      };
    }

    @Override
    public String toString() {
      return kind + " " + host + (ip == null ? "" : "/" + ip) + ":" + port + " w" + weight;
    }
  }

  private SpymemcachedOracle() {}

  /**
   * The index of the node {@code getPrimary} picks for each key; {@code weighted} passes every
   * node's weight in the locator's weights map, otherwise the map is empty.
   */
  static int[] place(KetamaNodeKeyFormatter.Format format, boolean weighted, List<Node> nodes, List<String> keys) {
    List<MemcachedNode> standIns = new ArrayList<>();
    Map<MemcachedNode, Integer> index = new IdentityHashMap<>();
    Map<InetSocketAddress, Integer> weights = new HashMap<>();
    for (Node n : nodes) {
      InetSocketAddress a = n.address(format);
      MemcachedNode node = standIn(a);
      index.put(node, standIns.size());
      standIns.add(node);
      if (weighted) {
        weights.put(a, n.weight());
      }
    }
    KetamaNodeLocator locator = new KetamaNodeLocator(standIns, DefaultHashAlgorithm.KETAMA_HASH, format, weights);
    int[] out = new int[keys.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = index.get(locator.getPrimary(keys.get(i)));
    }
    return out;
  }

  /** The node key spymemcached uses for {@code node} (without the "-i" repetition suffix). */
  static String nodeKey(KetamaNodeKeyFormatter.Format format, Node node) {
    String k = new KetamaNodeKeyFormatter(format).getKeyForNode(standIn(node.address(format)), 0);
    return k.substring(0, k.length() - 2);
  }

  private static MemcachedNode standIn(InetSocketAddress address) {
    return (MemcachedNode) Proxy.newProxyInstance(MemcachedNode.class.getClassLoader(),
        new Class<?>[] {MemcachedNode.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getSocketAddress" -> address;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "stand-in " + address;
          default -> throw new UnsupportedOperationException("stand-in node: " + method.getName());
        });
  }

  private static InetAddress byAddress(String host, String ip) {
    String[] parts = ip.split("\\.");
    byte[] b = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      b[i] = (byte) Integer.parseInt(parts[i]);
    }
    try {
      return InetAddress.getByAddress(host, b);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
  }
}
