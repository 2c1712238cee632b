package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The nginx and HAProxy dialects against {@link ProxyModels}, brute-force models written from the C
 * source: on random fleets (weights, names as written, explicit and assigned ids), at random keys and
 * at every hash where the answer can change (each ring point or node, one either side of it, and each
 * halfway point between HAProxy's neighbouring nodes), where a shortcut would show first.
 */
class ProxyDialectsModelTest {
  private static final String[] FUNCTIONS = {"sdbm", "djb2", "wt6", "crc32"};

  private static List<Server> fleet(Random r, boolean zeroAllowed, boolean haproxy) {
    int n = 1 + r.nextInt(r.nextInt(4) == 0 ? 24 : 8);
    Set<String> seen = new LinkedHashSet<>();
    Set<Integer> ids = new LinkedHashSet<>();
    List<Server> out = new ArrayList<>();
    while (out.size() < n) {
      String host = r.nextBoolean() ? "10.0." + r.nextInt(4) + "." + r.nextInt(256) : "cache-" + r.nextInt(100) + ".example";
      int weight = zeroAllowed && r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 2 : 6);
      Server s = Server.of(host, 1 + r.nextInt(3) * 8000 + r.nextInt(3), weight);
      String text = switch (r.nextInt(4)) {
        case 0 -> host; // written without a port
        case 1 -> "unix:/run/" + host + ".sock";
        default -> null;
      };
      if (!haproxy && text != null) {
        s = s.withName(text);
      }
      if (haproxy && r.nextInt(3) == 0) {
        // Small ids collide with the assigned ones; ids 2^20 apart share every node position.
        int id = r.nextInt(4) == 0 ? 1 + (r.nextInt(3) << 20) + r.nextInt(3) : 1 + r.nextInt(20);
        if (!ids.add(id)) {
          continue;
        }
        s = s.withId(id);
      }
      if (seen.add(s.hostPort()) && seen.add("text " + (text == null ? s.hostPort() : text))) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<Long> probes(Random r, List<Long> positions) {
    List<Long> out = new ArrayList<>(List.of(0L, 0xFFFFFFFFL, 1L, 0x80000000L));
    List<Long> sorted = new ArrayList<>(new TreeSet<>(positions));
    // Around 150 points chosen at random (every one on small rings): each, its neighbours, its halfway.
    for (int t = 0; t < Math.min(150, sorted.size()); t++) {
      int i = sorted.size() <= 150 ? t : r.nextInt(sorted.size());
      long p = sorted.get(i);
      long q = sorted.get((i + 1) % sorted.size());
      long half = (((q - p) & 0xFFFFFFFFL) == 0 ? 1L << 32 : (q - p) & 0xFFFFFFFFL) >>> 1;
      for (long v : new long[] {p - 1, p, p + 1, p + half - 1, p + half, p + half + 1}) {
        out.add(v & 0xFFFFFFFFL);
      }
    }
    for (int i = 0; i < 200; i++) {
      out.add(r.nextLong() & 0xFFFFFFFFL);
    }
    return out;
  }

  @Property(tries = 40)
  void nginxMatchesItsModel(@ForAll long seed) {
    Random r = new Random(seed);
    List<Server> servers = fleet(r, false, false);
    NginxRing ring = NginxRing.build(servers.toArray(new Server[0]));
    ProxyModels.Nginx model = new ProxyModels.Nginx(servers);
    List<Long> points = new ArrayList<>();
    for (long[] p : model.points) {
      points.add(p[0]);
    }
    for (long hash : probes(r, points)) {
      assertThat(ring.ring.ownerOf((int) hash)).as("seed %d hash %d", seed, hash).isEqualTo(model.at(hash));
    }
    for (int i = 0; i < 300; i++) {
      byte[] key = ("k" + r.nextInt() + (r.nextBoolean() ? "é" : "")).getBytes(StandardCharsets.UTF_8);
      assertThat(ring.index(key, 0, key.length)).as("seed %d", seed).isEqualTo(model.pick(key));
    }
  }

  @Property(tries = 40)
  void haproxyMatchesItsModel(@ForAll long seed) {
    Random r = new Random(seed);
    List<Server> servers = fleet(r, true, true);
    String function = FUNCTIONS[r.nextInt(FUNCTIONS.length)];
    boolean avalanche = r.nextBoolean();
    KeyHash keyHash = switch (function) {
      case "sdbm" -> KeyHash.SDBM;
      case "djb2" -> KeyHash.DJB2;
      case "wt6" -> KeyHash.WT6;
      default -> KeyHash.CRC32;
    };
    HaproxyTree tree = HaproxyTree.build("test", servers.toArray(new Server[0]), avalanche ? keyHash.avalanched() : keyHash);
    ProxyModels.Haproxy model = new ProxyModels.Haproxy(servers);
    List<Long> nodes = new ArrayList<>();
    for (long[] n : model.nodes) {
      nodes.add(n[0]);
    }
    for (long hash : probes(r, nodes)) {
      assertThat(tree.ring.ownerOf((int) hash)).as("seed %d hash %d", seed, hash).isEqualTo(model.at(hash));
    }
    for (int i = 0; i < 300; i++) {
      byte[] key = ("k" + r.nextInt() + (r.nextBoolean() ? "é" : "")).getBytes(StandardCharsets.UTF_8);
      long hash = ProxyModels.haproxyHash(function, avalanche, key);
      assertThat(Integer.toUnsignedLong(tree.hash(key, 0, key.length))).isEqualTo(hash);
      assertThat(tree.index(key, 0, key.length)).as("seed %d", seed).isEqualTo(model.at(hash));
    }
  }
}
