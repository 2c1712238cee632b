package dev.continuum.compat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.testkit.HttpKeyClient;
import dev.continuum.testkit.LoopbackPorts;
import dev.continuum.testkit.Nginx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * continuum's {@code nginx-hash-consistent} against a real nginx on 127.0.0.1: random upstreams (1 to
 * 12 server lines, weights 1 to 5 or 1 to 40, addresses written as {@code 127.0.0.1:PORT}, with
 * leading zeros in the port, or as {@code unix:PATH}), random keys sent in the {@code X-Key} header,
 * and the backend that answered each compared with continuum's choice. One nginx process serves every
 * upstream and is stopped before the test returns.
 */
class NginxCompatTest {
  private static final int BACKENDS = 12;
  private static final int UPSTREAMS = 6;
  private static final int KEYS = 1500;

  @Test
  void continuumPlacesKeysAsNginxDoes() {
    Random r = CompatSeed.random("nginx-hash-consistent");
    List<List<Integer>> backendsOf = new ArrayList<>();
    List<List<Integer>> weightsOf = new ArrayList<>();
    List<Nginx.Upstream> upstreams = new ArrayList<>();
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < BACKENDS; i++) {
      all.add(i);
    }
    List<String> templates = new ArrayList<>(List.of("127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:0%d"));
    if (Nginx.unixSocketsFit()) {
      templates.add("unix:%s");
    }
    for (int u = 0; u < UPSTREAMS; u++) {
      int n = u == 0 ? 1 : RandomInputs.count(r, BACKENDS);
      Collections.shuffle(all, r);
      List<Integer> backends = new ArrayList<>(all.subList(0, n));
      int maxWeight = r.nextBoolean() ? 5 : 40;
      List<Integer> weights = new ArrayList<>();
      Nginx.Upstream up = Nginx.Upstream.hash("$http_x_key");
      for (int b : backends) {
        int w = u == 1 ? 1 : 1 + r.nextInt(maxWeight);
        weights.add(w);
        up.server(b, templates.get(r.nextInt(templates.size())), w);
      }
      upstreams.add(up);
      backendsOf.add(backends);
      weightsOf.add(weights);
    }
    try (Nginx nginx = Nginx.start(BACKENDS, upstreams)) {
      for (int u = 0; u < UPSTREAMS; u++) {
        List<Integer> backends = backendsOf.get(u);
        List<String> texts = nginx.serverTexts(u);
        List<Server> servers = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
          Server s = Server.of(LoopbackPorts.HOST, nginx.backendPort(backends.get(i)), weightsOf.get(u).get(i));
          servers.add(texts.get(i).equals(s.hostPort()) ? s : s.withName(texts.get(i)));
          labels.add(texts.get(i) + " weight=" + weightsOf.get(u).get(i));
        }
        List<byte[]> keys = ProxyKeys.keys(r, KEYS);
        int[] expected = new int[keys.size()];
        try (HttpKeyClient client = HttpKeyClient.connect(nginx.proxyPort(u))) {
          for (int k = 0; k < keys.size(); k++) {
            expected[k] = ProxyKeys.lineOf(client.get("X-Key", keys.get(k)), backends, "nginx");
          }
        }
        Continuum c = new Continuum(Algorithm.NGINX_HASH_CONSISTENT);
        c.addServers(servers);
        Placements.assertSame("nginx upstream u" + u + " vs nginx-hash-consistent", labels.toString(), labels, keys,
            expected, Placements.continuum(c, keys));
      }
    }
  }
}
