package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JumpTest {
  @Test
  void guavaGoldenValues() {
    // Guava's Hashing.consistentHash(i, 100), i = 0..19: the paper's function with its LCG.
    int[] golden = {0, 55, 62, 8, 45, 59, 86, 97, 82, 59, 73, 37, 17, 56, 86, 21, 90, 37, 38, 83};
    for (int i = 0; i < golden.length; i++) {
      assertThat(Jump.bucket(i, 100)).as("consistentHash(%d, 100)", i).isEqualTo(golden[i]);
    }
  }

  @Test
  void oneBucketAndBadCounts() {
    assertThat(Jump.bucket(Long.MIN_VALUE, 1)).isZero();
    assertThatThrownBy(() -> Jump.bucket(1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("buckets must be at least 1, got 0");
  }

  @Test
  void growingMovesKeysOnlyToTheNewBucket() {
    for (long k = 0; k < 20_000; k++) {
      long key = XxHash64.mix(k);
      int before = Jump.bucket(key, 37);
      int after = Jump.bucket(key, 38);
      assertThat(after == before || after == 37).isTrue();
    }
  }

  private static List<Server> servers(int n) {
    List<Server> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(Server.of("10.0.0." + i, 11211));
    }
    return list;
  }

  @Test
  void removingAServerOtherThanTheLastMovesItsKeysAndTheLastServersKeys() {
    Continuum c = new Continuum(Algorithm.JUMP);
    List<Server> s = servers(10);
    c.addServers(s);
    Server removed = s.get(3);
    Server last = s.get(9);
    String[] keys = new String[20_000];
    Server[] before = new Server[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "key-" + i;
      before[i] = c.resolve(keys[i]);
    }
    c.removeServer(removed);
    int movedFromLast = 0;
    for (int i = 0; i < keys.length; i++) {
      Server now = c.resolve(keys[i]);
      if (before[i].equals(removed)) {
        assertThat(now).as("the last server takes the removed server's slot").isEqualTo(last);
      } else if (before[i].equals(last)) {
        movedFromLast += now.equals(last) ? 0 : 1;
      } else {
        assertThat(now).isEqualTo(before[i]);
      }
    }
    // The last server's keys in its old slot 9 (all of them) leave it for slots 0..8.
    assertThat(movedFromLast).isGreaterThan(0);

    // Re-adding appends a slot: keys move only to the re-added server.
    Server[] mid = new Server[keys.length];
    for (int i = 0; i < keys.length; i++) {
      mid[i] = c.resolve(keys[i]);
    }
    c.addServer(removed);
    for (int i = 0; i < keys.length; i++) {
      Server now = c.resolve(keys[i]);
      assertThat(now.equals(mid[i]) || now.equals(removed)).isTrue();
    }
  }

  @Test
  void weightsAreRejected() {
    Continuum c = new Continuum(Algorithm.JUMP);
    c.addServer("a", 1);
    assertThatThrownBy(() -> c.addServer("b", 1, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("jump does not support weights: server b:1 has capacity 2, must be 1");
    assertThatThrownBy(() -> c.updateServer(Server.of("a", 1, 0))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("jump does not support weights: server a:1 has capacity 0, must be 1");
    assertThat(c.servers()).containsExactly(Server.of("a", 1));
    assertThat(Algorithm.JUMP.supportsWeights()).isFalse();
    assertThat(Algorithm.JUMP.supportsArbitraryRemoval()).isFalse();
    assertThat(Algorithm.JUMP.isCompatibilityDialect()).isFalse();
  }
}
