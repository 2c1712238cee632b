package dev.continuum.compat;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.testkit.Haproxy;
import dev.continuum.testkit.HttpKeyClient;
import dev.continuum.testkit.LoopbackPorts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * continuum's HAProxy dialects against a real haproxy on 127.0.0.1, one run per {@code hash-type}
 * line: random backends (1 to 12 servers, weights 0 to 5, 1 to 256 or a mix, ids written for some
 * servers and assigned by HAProxy to the others), random keys sent in the {@code X-Key} header, and
 * the server that answered each compared with continuum's choice. The haproxy process is stopped
 * before each run returns.
 */
class HaproxyCompatTest {
  private static final int BACKENDS = 12;
  private static final int SECTIONS = 4;
  private static final int KEYS = 1200;

  @ParameterizedTest
  @ValueSource(strings = {
      "hash-type consistent",
      "hash-type consistent sdbm",
      "hash-type consistent sdbm avalanche",
      "hash-type consistent djb2",
      "hash-type consistent djb2 avalanche",
      "hash-type consistent wt6",
      "hash-type consistent wt6 avalanche",
      "hash-type consistent crc32",
      "hash-type consistent crc32 avalanche"})
  void continuumPlacesKeysAsHaproxyDoes(String hashType) {
    Random r = CompatSeed.random("haproxy " + hashType);
    String[] words = hashType.split(" ");
    // A bare "hash-type consistent" is sdbm with avalanche (cfgparse-listen.c).
    Algorithm algorithm = Algorithm.byName("haproxy-" + (words.length > 2 ? words[2] : "sdbm"));
    boolean avalanche = words.length == 2 || words.length == 4;
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < BACKENDS; i++) {
      all.add(i);
    }
    List<Haproxy.Backend> sections = new ArrayList<>();
    List<int[]> weightsOf = new ArrayList<>();
    List<int[]> idsOf = new ArrayList<>();
    List<List<Integer>> backendsOf = new ArrayList<>();
    List<List<String>> labelsOf = new ArrayList<>();
    for (int b = 0; b < SECTIONS; b++) {
      int n = RandomInputs.count(r, BACKENDS);
      Collections.shuffle(all, r);
      List<Integer> backends = new ArrayList<>(all.subList(0, n));
      Haproxy.Backend section = Haproxy.Backend.header(hashType);
      int style = r.nextInt(3);
      Set<Integer> ids = new LinkedHashSet<>();
      List<Integer> weights = new ArrayList<>();
      List<Integer> explicit = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int w = switch (style) {
          case 0 -> r.nextInt(6);
          case 1 -> 1 + r.nextInt(256);
          default -> r.nextInt(4) == 0 ? r.nextInt(256) : 1;
        };
        weights.add(w);
        int id = 0;
        if (b > 0 && r.nextInt(3) == 0) {
          do {
            id = r.nextBoolean() ? 1 + r.nextInt(2 * BACKENDS) : 1 + r.nextInt(100_000);
          } while (!ids.add(id));
        }
        explicit.add(id);
      }
      if (weights.stream().allMatch(w -> w == 0)) {
        weights.set(0, 1); // a backend of weight-0 servers only answers 503
      }
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        section.server("s" + i, backends.get(i), weights.get(i), explicit.get(i));
        labels.add("s" + i + " weight " + weights.get(i) + (explicit.get(i) > 0 ? " id " + explicit.get(i) : ""));
      }
      sections.add(section);
      labelsOf.add(labels);
      backendsOf.add(backends);
      weightsOf.add(weights.stream().mapToInt(Integer::intValue).toArray());
      idsOf.add(explicit.stream().mapToInt(Integer::intValue).toArray());
    }
    try (Haproxy haproxy = Haproxy.start(BACKENDS, sections)) {
      for (int b = 0; b < SECTIONS; b++) {
        List<Integer> backends = backendsOf.get(b);
        int[] weights = weightsOf.get(b);
        int[] ids = idsOf.get(b);
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
          Server s = Server.of(LoopbackPorts.HOST, haproxy.backendPort(backends.get(i)), weights[i]).withName("s" + i);
          servers.add(ids[i] > 0 ? s.withId(ids[i]) : s);
        }
        List<byte[]> keys = ProxyKeys.keys(r, KEYS);
        int[] expected = new int[keys.size()];
        try (HttpKeyClient client = HttpKeyClient.connect(haproxy.frontendPort(b))) {
          for (int k = 0; k < keys.size(); k++) {
            expected[k] = ProxyKeys.lineOf(client.get("X-Key", keys.get(k)), backends, "haproxy");
          }
        }
        Continuum c = Continuum.builder(algorithm).avalanche(avalanche).build();
        c.addServers(servers);
        Placements.assertSame("haproxy \"" + hashType + "\" backend " + b + " vs " + algorithm
            + (avalanche ? " avalanche" : ""), labelsOf.get(b).toString(), labelsOf.get(b), keys, expected,
            Placements.continuum(c, keys));
      }
    }
  }
}
