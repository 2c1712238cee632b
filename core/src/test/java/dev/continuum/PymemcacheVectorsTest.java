package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of the pymemcache 3.5.2 vectors (RendezvousHash, HashClient, murmur3_32). */
class PymemcacheVectorsTest {
  /**
   * A configuration's servers: HashClient rows give host and port (the node string is built from
   * them); RendezvousHash rows give only a node string, carried as the server's name over a stand-in
   * host and port.
   */
  static Continuum build(List<Vectors.Row> nodes) {
    Continuum c = Continuum.builder(Algorithm.PYMEMCACHE).seed(nodes.get(0).getLong("seed")).build();
    List<Server> list = new ArrayList<>();
    for (Vectors.Row n : nodes) {
      Server s;
      if ("-".equals(n.get("host"))) {
        s = Server.of("node" + n.getInt("node_idx"), 1 + n.getInt("node_idx")).withName(n.get("node"));
      } else {
        s = Server.of(n.get("host"), n.getInt("port"));
        assertThat(PymemcacheRendezvous.nodeName(s)).isEqualTo(n.get("node"));
      }
      list.add(s);
    }
    c.addServers(list);
    return c;
  }

  static Server[] servers(String... nodes) {
    Server[] out = new Server[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      out[i] = Server.of("n" + i, 1 + i).withName(nodes[i]);
    }
    return out;
  }

  @Test
  void everyVectorRowMatches() {
    assertThat(VectorCheck.run("pymemcache", PymemcacheVectorsTest::build, "node_idx", "score", (row, c, key) -> {
      Server[] array = c.servers().toArray(new Server[0]);
      long seed = CONFIGS.get(row.get("config_id")).get(0).getLong("seed");
      PymemcacheRendezvous p = PymemcacheRendezvous.build(array, seed);
      return Integer.toUnsignedLong(p.score(row.getInt("node_idx"), new String(key, StandardCharsets.UTF_8)));
    })).isGreaterThan(4000);
  }

  private static final java.util.Map<String, List<Vectors.Row>> CONFIGS =
      Vectors.byConfig(Vectors.read("pymemcache.configs.tsv"));

  @Test
  void everyMurmur3RowMatchesOverStringsAndUtf8Bytes() {
    List<Vectors.Row> rows = Vectors.read("pymemcache.murmur3.tsv");
    assertThat(rows).hasSizeGreaterThan(500);
    for (Vectors.Row row : rows) {
      byte[] utf8 = java.util.HexFormat.of().parseHex(row.get("input_hex"));
      int seed = (int) row.getLong("seed");
      long want = row.getLong("murmur3_32");
      assertThat(Integer.toUnsignedLong(Murmur3.hash(new String(utf8, StandardCharsets.UTF_8), seed))).as("%s", row).isEqualTo(want);
      assertThat(Integer.toUnsignedLong(Murmur3.keyHash(seed).hash(utf8))).as("%s", row).isEqualTo(want);
    }
  }

  @Test
  void publishedMurmur3Values() {
    assertThat(Murmur3.hash("", 0)).isEqualTo(0);
    assertThat(Murmur3.hash("a", 0)).isEqualTo(0x3c2569b2);
    assertThat(Murmur3.hash("abcd", 0)).isEqualTo(0x43ed676a);
    assertThat(Murmur3.hash("hello", 0)).isEqualTo(0x248bfa47);
    assertThat(Murmur3.hash("é", 0)).isEqualTo(0x44c6d4b2);
    assertThat(Murmur3.hash("Ā", 0)).isEqualTo(0x514e28b7);
    assertThat(Murmur3.hash("😀", 0)).isEqualTo(0x514e28b7);
    assertThat(Murmur3.hash("日本語", 0)).isEqualTo(0x1adf14e6);
  }

  @Test
  void stringsAndTheirUtf8BytesHashAlikeEvenWhenBroken() {
    for (String s : new String[] {"", "a", "nöde-日", "😀x", "\uD800", "a\uDC00b", "\uD83D"}) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      assertThat(Murmur3.keyHash(7).hash(utf8)).as(s).isEqualTo(Murmur3.keyHash(7).hash(s));
    }
    // Malformed UTF-8 (never produced by a Java String): each bad byte counts as U+FFFD.
    assertThat(Murmur3.hash(new byte[] {(byte) 0xC3}, 0, 1, 0)).isEqualTo(Murmur3.hash("\uFFFD", 0));
  }

  @Test
  void r01HighestScoreWins() {
    Server[] s = servers("node-744.example.com:21201", "10.1.103.68:8080", "10.1.67.229:4919");
    PymemcacheRendezvous p = PymemcacheRendezvous.build(s, 0);
    assertThat(Integer.toUnsignedLong(p.score(0, "foo"))).isEqualTo(900560153L);
    assertThat(Integer.toUnsignedLong(p.score(1, "foo"))).isEqualTo(627435048L);
    assertThat(Integer.toUnsignedLong(p.score(2, "foo"))).isEqualTo(2904358878L);
    assertThat(p.index("foo")).isEqualTo(2);
  }

  @Test
  void r06CodePointsNotUtf8() {
    PymemcacheRendezvous p = PymemcacheRendezvous.build(servers("😀-0", "nöde-1-日", "😀-2", "nöde-3-日"), 0);
    assertThat(Integer.toUnsignedLong(p.score(2, "😀"))).isEqualTo(4271723903L);
    assertThat(p.index("😀")).isEqualTo(2);
    assertThat(p.index("😀".getBytes(StandardCharsets.UTF_8), 0, 4)).isEqualTo(2);
  }

  @Test
  void hashClientNamesAlwaysCarryThePort() {
    assertThat(PymemcacheRendezvous.nodeName(Server.of("10.0.0.1", 11211))).isEqualTo("10.0.0.1:11211");
  }

  @Test
  void replicasAreNodesByDescendingScoreAndATieGoesToTheLargerName() {
    Continuum c = Continuum.builder(Algorithm.PYMEMCACHE).seed(42).build();
    c.addServers(servers("a:1", "b:2", "c:3", "d:4"));
    PymemcacheRendezvous p = PymemcacheRendezvous.build(c.servers().toArray(new Server[0]), 42);
    List<Server> all = c.resolve("my-first-key", 4);
    assertThat(all.get(0)).isEqualTo(c.resolve("my-first-key"));
    for (int i = 1; i < 4; i++) {
      int prev = c.servers().indexOf(all.get(i - 1));
      int cur = c.servers().indexOf(all.get(i));
      assertThat(Integer.compareUnsigned(p.score(prev, "my-first-key"), p.score(cur, "my-first-key"))).isPositive();
    }
    assertThatThrownBy(() -> c.addServer(Server.of("x", 9).withName("a:1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same node name");
  }

  @Test
  void aTiedScoreGoesToTheLargerNodeStringByCodePoints() {
    // Find two node names whose scores collide for one key (a 32-bit birthday search, ~10^5 hashes),
    // one of them starting with U+FFFF and the other with an emoji: UTF-16 order and code-point order
    // disagree on them, pymemcache (Python str comparison) uses code points, so the emoji node wins.
    java.util.Map<Integer, String> seen = new java.util.HashMap<>();
    String a = null;
    String b = null;
    for (int i = 0; a == null; i++) {
      String name = (i % 2 == 0 ? "\uFFFF" : "😀") + i;
      String other = seen.put(Murmur3.hash(name + "-k", 0), name);
      if (other != null && other.charAt(0) != name.charAt(0)) {
        a = other;
        b = name;
      }
    }
    String emoji = a.startsWith("😀") ? a : b;
    for (Server[] order : new Server[][] {servers(a, b), servers(b, a)}) {
      PymemcacheRendezvous p = PymemcacheRendezvous.build(order, 0);
      assertThat(p.score(0, "k")).isEqualTo(p.score(1, "k"));
      assertThat(order[p.index("k")].name()).isEqualTo(emoji);
      int[] out = new int[2];
      p.indexes("k", out, 2);
      assertThat(order[out[0]].name()).isEqualTo(emoji);
    }
  }

  @Test
  void seedOutsideThirtyTwoBitsIsRejected() {
    assertThatThrownBy(() -> Continuum.builder(Algorithm.PYMEMCACHE).seed(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..4294967295");
    assertThatThrownBy(() -> Continuum.builder(Algorithm.LIBMEMCACHED_KETAMA).seed(1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
