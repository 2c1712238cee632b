package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code resolve(key, n)} of the rendezvous placements: every server ranked, at O(N log n). */
class RendezvousReplicasTest {
  private static List<Server> servers(int n) {
    List<Server> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(Server.of("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), 11211, 1 + i % 7));
    }
    return list;
  }

  /** Every replica count, up to all servers, equals the brute-force ranking (a sort by score). */
  @Test
  void replicasAreTheModelsRanking() {
    List<Server> list = servers(300);
    list.set(5, list.get(5).withCapacity(0));
    for (Algorithm a : new Algorithm[] {Algorithm.RENDEZVOUS, Algorithm.PYMEMCACHE}) {
      Continuum c = Continuum.builder(a).seed(9).build();
      c.addServers(list);
      Models.Model model = Models.TABLE.get(a).apply(new Models.Config(9, 1000, 160, 21, 65537));
      model.generate(list);
      for (int k = 0; k < 20; k++) {
        String key = "key-" + k;
        for (int n : new int[] {1, 2, 3, 17, 100, model.reachable()}) {
          assertThat(c.resolve(key, n)).as("%s %s n=%d", a, key, n).isEqualTo(model.place(Models.utf8(key), n));
        }
      }
    }
  }

  /**
   * Regression: all 100,000 replicas of a key took n passes over N servers (about 3 minutes); one pass
   * with a heap of n takes well under a second. The timeout only guards against that hang.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void allReplicasOfALargeFleetAreNotQuadratic() {
    List<Server> list = servers(100_000);
    for (Algorithm a : new Algorithm[] {Algorithm.RENDEZVOUS, Algorithm.PYMEMCACHE}) {
      Continuum c = Continuum.builder(a).build();
      c.addServers(list);
      List<Server> all = c.resolve("k", list.size());
      assertThat(all).hasSize(list.size()).doesNotHaveDuplicates();
      assertThat(all.get(0)).isEqualTo(c.resolve("k"));
    }
  }
}
