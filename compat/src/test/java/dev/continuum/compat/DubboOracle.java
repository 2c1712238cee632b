package dev.continuum.compat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.RpcInvocation;
import org.apache.dubbo.rpc.cluster.loadbalance.ConsistentHashLoadBalance;

/**
 * The real Apache Dubbo 3.3.5 {@code ConsistentHashLoadBalance} selecting among stand-in invokers that
 * have only a URL ({@code dubbo://host:port/Service}); each key is the invocation's single argument,
 * which is what the default {@code hash.arguments=0} hashes.
 */
final class DubboOracle {
  static final String SERVICE = "dev.continuum.compat.Echo";
  static final String METHOD = "echo";

  private DubboOracle() {}

  /** The invoker URL of a provider at {@code host:port} with {@code hash.nodes} set (0 leaves the default). */
  static URL url(String host, int port, int hashNodes) {
    String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    String params = hashNodes > 0 ? "?hash.nodes=" + hashNodes : "";
    return URL.valueOf("dubbo://" + shown + ":" + port + "/" + SERVICE + params);
  }

  /** The invoker index {@code select} picks for each key. */
  static int[] place(List<RandomInputs.HostPort> providers, int hashNodes, List<String> keys) {
    List<Invoker<Object>> invokers = new ArrayList<>();
    Map<Invoker<?>, Integer> index = new IdentityHashMap<>();
    for (RandomInputs.HostPort p : providers) {
      Invoker<Object> inv = standIn(url(p.host(), p.port(), hashNodes));
      index.put(inv, invokers.size());
      invokers.add(inv);
    }
    ConsistentHashLoadBalance balance = new ConsistentHashLoadBalance();
    URL consumer = invokers.get(0).getUrl();
    int[] out = new int[keys.size()];
    for (int i = 0; i < out.length; i++) {
      RpcInvocation call = new RpcInvocation(METHOD, SERVICE, SERVICE, new Class<?>[] {String.class},
          new Object[] {keys.get(i)});
      out[i] = index.get(balance.select(invokers, consumer, call));
    }
    return out;
  }

  /** Dubbo's own address string of a provider's URL. */
  static String address(String host, int port) {
    return url(host, port, 0).getAddress();
  }

  @SuppressWarnings("unchecked")
  private static Invoker<Object> standIn(URL url) {
    return (Invoker<Object>) Proxy.newProxyInstance(Invoker.class.getClassLoader(), new Class<?>[] {Invoker.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getUrl" -> url;
          case "getInterface" -> Object.class;
          case "isAvailable" -> true;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "stand-in " + url;
          default -> throw new UnsupportedOperationException("stand-in invoker: " + method.getName());
        });
  }
}
