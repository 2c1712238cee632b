package dev.continuum.spymemcached;

import static dev.continuum.spymemcached.LiveClients.continuum;
import static dev.continuum.spymemcached.LiveClients.hits;
import static dev.continuum.spymemcached.LiveClients.keys;
import static dev.continuum.spymemcached.LiveClients.setAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.testkit.Memcached;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Against 11 real memcached servers: 100,000 keys placed by twemproxy-md5 over ten of them, migrated
 * to jump over all eleven. The keys whose server does not change are predicted by two continuums built
 * here, independently of the clients; the cold switch must find exactly those, the migration every
 * key, and after one migrating pass a client of the new placement alone must find every key.
 */
class LiveMigrationTest {
  private static final int KEYS = 100_000;
  private static final int WRITTEN = 500;
  private static final int DELETED = 500;
  @RegisterExtension
  final Started started = new Started();

  @Test
  void twemproxyOnTenToJumpOnElevenWithoutAMissStorm() throws Exception {
    List<Memcached> ten = started.memcached(10);
    List<Memcached> eleven = new ArrayList<>(ten);
    eleven.addAll(started.memcached(1));
    List<String> keys = keys("migrate:", KEYS);
    MemcachedClient before = started.client(continuum(ten, Algorithm.TWEMPROXY_MD5));
    setAll(before, keys);

    Continuum oldPlacement = new Continuum(Algorithm.TWEMPROXY_MD5);
    Continuum newPlacement = new Continuum(Algorithm.JUMP);
    ten.forEach(m -> oldPlacement.addServer("127.0.0.1", m.port()));
    eleven.forEach(m -> newPlacement.addServer("127.0.0.1", m.port()));
    int staying = 0;
    for (String k : keys) {
      staying += oldPlacement.resolve(k).equals(newPlacement.resolve(k)) ? 1 : 0;
    }

    MemcachedClient after = started.client(continuum(eleven, Algorithm.JUMP));
    int cold = hits(after, keys);
    assertThat(cold).as("a cold switch finds exactly the keys whose server stays").isEqualTo(staying);

    MigratingMemcachedClient cache = new MigratingMemcachedClient(before, after, 0);
    // Writes and deletes during the migration, on the first keys, before anything reads them.
    for (String k : keys.subList(0, WRITTEN)) {
      assertThat(cache.set(k, 0, "new:" + k).get(5, TimeUnit.SECONDS)).isTrue();
    }
    for (String k : keys.subList(WRITTEN, WRITTEN + DELETED)) {
      cache.delete(k).get(5, TimeUnit.SECONDS);
    }
    int found = 0;
    int wrong = 0;
    for (int from = 0; from < KEYS; from += 1_000) {
      List<String> chunk = keys.subList(from, from + 1_000);
      Map<String, Object> values = cache.getBulk(chunk);
      for (int i = 0; i < chunk.size(); i++) {
        String k = chunk.get(i);
        int index = from + i;
        Object expected = index < WRITTEN ? "new:" + k : index < WRITTEN + DELETED ? null : k;
        Object v = values.get(k);
        found += v != null ? 1 : 0;
        wrong += java.util.Objects.equals(v, expected) ? 0 : 1;
      }
    }
    MigratingMemcachedClient.Stats stats = cache.stats();
    assertThat(wrong).as("values read during the migration").isZero();
    assertThat(found).isEqualTo(KEYS - DELETED);
    assertThat(stats.misses()).isEqualTo(DELETED);
    // Every key written through the new placement is served by it; the others stay where predicted.
    assertThat(stats.servedByNew() + stats.servedByOld()).isEqualTo(KEYS - DELETED);
    assertThat(stats.servedByOld()).isLessThanOrEqualTo(KEYS - staying);
    assertThat(before.get(keys.get(firstMoving(keys, cache)))).as("old copy of a rewritten key").isNull();

    cache.finish();
    after.getVersions(); // one round trip to every server: the read-repairs queued before it are done
    MemcachedClient alone = started.client(continuum(eleven, Algorithm.JUMP));
    int afterOnePass = hits(alone, keys.subList(WRITTEN + DELETED, KEYS));
    int rewritten = 0;
    for (String k : keys.subList(0, WRITTEN)) {
      rewritten += ("new:" + k).equals(alone.get(k)) ? 1 : 0;
    }
    System.out.printf("migration twemproxy-md5 on 10 -> jump on 11 (%d keys): cold switch hits %d (%.2f%%);"
        + " migrating pass hits %d of %d (%.2f%%: %d on the new server, %d copied from the old one, %d misses,"
        + " the %d deleted keys); after one pass the new placement alone hits %d of %d%n",
        KEYS, cold, 100.0 * cold / KEYS, found, KEYS - DELETED, 100.0 * found / (KEYS - DELETED),
        stats.servedByNew(), stats.servedByOld(), stats.misses(), DELETED, afterOnePass, KEYS - WRITTEN - DELETED);
    assertThat(afterOnePass).isEqualTo(KEYS - WRITTEN - DELETED);
    assertThat(rewritten).isEqualTo(WRITTEN);
    assertThat(cold).isLessThan(KEYS / 8); // unrelated placements: about one key in 10 or 11 stays
  }

  /**
   * Readers (get and getBulk) and writers (set, add, delete) at once, on 4 real servers: a read-repair
   * never overwrites a value written through the migration, and once everyone has finished, the new
   * placement alone holds the last value written for every written key.
   */
  @Test
  void readRepairNeverOverwritesAConcurrentWrite() throws Exception {
    List<Memcached> three = started.memcached(3);
    List<Memcached> four = new ArrayList<>(three);
    four.addAll(started.memcached(1));
    List<String> keys = keys("race:", 10_000);
    MemcachedClient before = started.client(continuum(three, Algorithm.RING));
    setAll(before, keys);
    MemcachedClient after = started.client(continuum(four, Algorithm.RENDEZVOUS));
    MigratingMemcachedClient cache = new MigratingMemcachedClient(before, after, 0);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int offset = t;
        work.add(pool.submit(() -> {
          for (int i = offset; i < keys.size(); i += 2) {
            Object v = i % 10 == 0 ? cache.get(keys.get(i)) : null;
            if (i % 100 == 1) {
              cache.getBulk(keys.subList(i, Math.min(keys.size(), i + 50)));
            }
            assertThat(v == null || v.equals(keys.get(i)) || v.equals("w:" + keys.get(i))).isTrue();
          }
        }));
      }
      // Writers: every third key rewritten (set), every 7th added (fails: present somewhere) or deleted.
      work.add(pool.submit(() -> {
        for (int i = 0; i < keys.size(); i += 3) {
          await(cache.set(keys.get(i), 0, "w:" + keys.get(i)));
        }
      }));
      work.add(pool.submit(() -> {
        for (int i = 1; i < keys.size(); i += 7) {
          if (i % 3 != 0) {
            await(cache.delete(keys.get(i)));
          }
        }
      }));
      for (java.util.concurrent.Future<?> f : work) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // One more migrating pass, through single-key reads, then the new placement alone.
    for (String k : keys) {
      cache.get(k);
    }
    cache.finish();
    after.getVersions();
    MemcachedClient alone = started.client(continuum(four, Algorithm.RENDEZVOUS));
    int stale = 0;
    int lost = 0;
    int resurrected = 0;
    for (int from = 0; from < keys.size(); from += 1_000) {
      List<String> chunk = keys.subList(from, from + 1_000);
      Map<String, Object> values = alone.getBulk(chunk);
      for (int j = 0; j < chunk.size(); j++) {
        int i = from + j;
        String k = chunk.get(j);
        Object v = values.get(k);
        if (i % 3 == 0) {
          stale += ("w:" + k).equals(v) ? 0 : 1;
        } else if (i % 7 == 1) {
          resurrected += v == null ? 0 : 1;
        } else {
          lost += k.equals(v) ? 0 : 1;
        }
      }
    }
    System.out.printf("migration under concurrent reads and writes (ring on 3 -> rendezvous on 4, 10,000 keys): "
        + "%s; stale rewritten keys %d, lost keys %d, deleted keys read back %d%n", cache.stats(), stale, lost,
        resurrected);
    assertThat(stale).as("rewritten keys whose new value a read-repair overwrote").isZero();
    assertThat(lost).isZero();
    // A delete racing with a read-repair of the same key may be undone (documented); count, do not hide it.
    assertThat(resurrected).isLessThanOrEqualTo(20); // of 953 deleted keys; 0 or 1 measured
  }

  private static void await(java.util.concurrent.Future<Boolean> f) {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The index of the first rewritten key whose server changes (there is one among 500). */
  private static int firstMoving(List<String> keys, MigratingMemcachedClient cache) {
    for (int i = 0; i < WRITTEN; i++) {
      if (cache.moves(keys.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no rewritten key changes server");
  }

  @Test
  void bothClientsMustPlaceWithContinuum() {
    List<Memcached> one = started.memcached(1);
    MemcachedClient plain = started.client(LiveClients.client(LiveClients.settings().build(),
        LiveClients.addresses(one)));
    MemcachedClient placed = started.client(continuum(one, Algorithm.JUMP));
    assertThatThrownBy(() -> new MigratingMemcachedClient(plain, placed, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from client places keys with");
    assertThatThrownBy(() -> new MigratingMemcachedClient(placed, placed, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same client");
    MemcachedClient other = started.client(continuum(one, Algorithm.RING));
    assertThatThrownBy(() -> new MigratingMemcachedClient(placed, other, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repairExpiration");
  }
}
