package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Maglev's weighted table: exactly the paper's plain loop, at a cost that no weight can blow up. */
class MaglevTest {
  private static List<Server> servers(int n, Random r) {
    List<Server> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(Server.of("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), 11211, 1 + r.nextInt(5)));
    }
    return list;
  }

  /** The table equals the brute-force loop's (rounds of turns) for weights from even to one dominant. */
  @Test
  void tableIsThePlainLoopsForAnyWeights() {
    Random r = new Random(3);
    for (int dominant : new int[] {1, 7, 1000, 1 << 20, Integer.MAX_VALUE - 1000}) {
      List<Server> list = servers(60, r);
      list.set(17, list.get(17).withCapacity(dominant));
      list.set(40, list.get(40).withCapacity(0));
      Models.Model model = Models.TABLE.get(Algorithm.MAGLEV).apply(new Models.Config(5, 1000, 160, 21, 1009));
      model.generate(list);
      Continuum c = Continuum.builder(Algorithm.MAGLEV).seed(5).tableSize(1009).build();
      c.addServers(list);
      for (int k = 0; k < 2000; k++) {
        byte[] key = Models.utf8("key-" + k);
        assertThat(c.resolve(key)).as("dominant %d, key %d", dominant, k).isSameAs(model.place(key, 1).get(0));
      }
    }
  }

  /**
   * Regression: one dominant weight among 16,000 servers made every build walk M rounds of N turns
   * (32 s a change with M = 1,000,003, under the write lock). The turns are now ordered by a heap:
   * O(M log N). The timeout only guards against that hang; it measures nothing.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void oneDominantWeightDoesNotMultiplyTheBuildByTheServers() {
    List<Server> list = servers(16_000, new Random(1));
    for (int i = 0; i < list.size(); i++) {
      list.set(i, list.get(i).withCapacity(1));
    }
    list.set(0, list.get(0).withCapacity(Integer.MAX_VALUE - 16_000));
    Continuum c = Continuum.builder(Algorithm.MAGLEV).tableSize(1_000_003).build();
    c.addServers(list);
    c.removeServer(list.get(1));
    c.addServer(list.get(1));
    assertThat(c.resolve("k")).isEqualTo(list.get(0));
  }
}
