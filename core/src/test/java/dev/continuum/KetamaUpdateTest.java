package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ketama dialects with a fixed point count per server update by merging, and the merged ring is
 * exactly the ring a full build gives, ties included (spymemcached: the later server wins).
 */
class KetamaUpdateTest {
  private static void mergedEqualsBuilt(Algorithm algorithm, long seed) {
    PlacementFactory factory = algorithm.factory(Options.defaults());
    SplittableRandom random = new SplittableRandom(seed);
    List<Server> servers = new ArrayList<>();
    Server[] before = new Server[0];
    Placement placement = factory.build(before);
    for (int step = 0; step < 120; step++) {
      if (servers.size() < 2 || random.nextInt(3) > 0) {
        // Few distinct hosts and ports: the same name can come back after a removal.
        servers.add(Server.of("10.0." + random.nextInt(4) + "." + random.nextInt(250), 11211 + random.nextInt(3)));
        if (servers.subList(0, servers.size() - 1).contains(servers.get(servers.size() - 1))) {
          servers.remove(servers.size() - 1);
          continue;
        }
      } else {
        servers.remove(random.nextInt(servers.size()));
      }
      Server[] after = servers.toArray(new Server[0]);
      placement = factory.update(placement, before, after);
      Placement full = factory.build(after);
      if (after.length > 1) {
        PointRing got = ((KetamaRing) placement).ring;
        PointRing want = ((KetamaRing) full).ring;
        assertThat(got.size()).isEqualTo(want.size());
        for (int i = 0; i < want.size(); i++) {
          assertThat(got.point(i)).isEqualTo(want.point(i));
          assertThat(got.owner(i)).as("%s owner at %d, step %d", algorithm, i, step).isEqualTo(want.owner(i));
        }
        assertThat(got.sameAs(want)).as("%s: derived index equals the built one, step %d", algorithm, step).isTrue();
      }
      // Against the brute-force model too: for the weighted dialects update() builds in full, so the
      // comparison with a full build above checks nothing there; the model is independent of both.
      Models.Model model = Models.TABLE.get(algorithm).apply(Models.Config.defaults());
      model.generate(servers);
      for (int k = 0; k < 50; k++) {
        String key = "k" + random.nextInt();
        assertThat(placement.index(key)).isEqualTo(full.index(key));
        if (after.length > 0) {
          assertThat(after[placement.index(key)]).as("%s step %d key %s", algorithm, step, key)
              .isSameAs(model.place(Models.utf8(key), 1).get(0));
        }
      }
      before = after;
    }
  }

  @Test
  void spymemcachedMergesExactly() {
    mergedEqualsBuilt(Algorithm.SPYMEMCACHED, 7);
    mergedEqualsBuilt(Algorithm.SPYMEMCACHED_LIBMEMCACHED, 8);
  }

  @Test
  void libmemcachedUnweightedMergesExactly() {
    mergedEqualsBuilt(Algorithm.LIBMEMCACHED_KETAMA_UNWEIGHTED, 9);
  }

  @Test
  void weightedDialectsGiveTheModelsRingAfterEveryUpdate() {
    mergedEqualsBuilt(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED, 10);
    mergedEqualsBuilt(Algorithm.TWEMPROXY_MD5, 11);
    mergedEqualsBuilt(Algorithm.SPYMEMCACHED_WEIGHTED, 12);
  }

  @Test
  void sharedPointsGoToTheLaterServerInSpymemcachedAfterAMerge() {
    // Two servers with the same name share every point: spymemcached gives them all to the later one.
    Options options = Options.defaults();
    options.duplicateServers = true;
    PlacementFactory factory = Algorithm.SPYMEMCACHED.factory(options);
    Server first = Server.of("10.1.1.1", 11211);
    Server second = Server.of("10.1.1.1", 11211);
    Server other = Server.of("10.1.1.2", 11211);
    Server[] before = {first, other};
    Server[] after = {first, other, second};
    Placement merged = factory.update(factory.build(before), before, after);
    Placement full = factory.build(after);
    for (int k = 0; k < 200; k++) {
      String key = "key" + k;
      assertThat(merged.index(key)).isEqualTo(full.index(key)).isNotEqualTo(0);
    }
  }
}
