package dev.continuum.spymemcached;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import net.spy.memcached.MemcachedNode;

/** MemcachedNodes with only an address, for locator tests without connections. */
final class StandInNodes {
  private StandInNodes() {}

  static MemcachedNode node(InetSocketAddress address) {
    return (MemcachedNode) Proxy.newProxyInstance(StandInNodes.class.getClassLoader(),
        new Class<?>[] {MemcachedNode.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "getSocketAddress":
              return address;
            case "isActive":
              return true;
            case "toString":
              return "node " + address;
            case "hashCode":
              return System.identityHashCode(proxy);
            case "equals":
              return proxy == args[0];
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }

  /** {@code count} nodes on 127.0.0.1 from port {@code firstPort}. */
  static List<MemcachedNode> loopback(int count, int firstPort) {
    List<MemcachedNode> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      nodes.add(node(new InetSocketAddress("127.0.0.1", firstPort + i)));
    }
    return nodes;
  }

  static int port(MemcachedNode node) {
    return ((InetSocketAddress) node.getSocketAddress()).getPort();
  }
}
