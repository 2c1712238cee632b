package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/**
 * Slow start: a newcomer listed with capacity 0 and raised one unit at a time with
 * {@link Continuum#updateServer}. Where the algorithm promises it ({@link #HOLDS}), every step moves
 * keys only onto the ramping server, none away from it, and about its capacity's share; every other
 * weighted algorithm is shown to break the promise on some step (so the list is exact), and the
 * algorithms that ignore capacities move nothing at all.
 */
class SlowStartTest {
  private static final int KEYS = 3000;
  /** A capacity increase moves keys only onto the grown server. */
  static final Set<Algorithm> HOLDS = EnumSet.of(Algorithm.RING, Algorithm.BOUNDED_LOAD, Algorithm.RENDEZVOUS,
      Algorithm.MULTI_PROBE, Algorithm.NGINX_HASH_CONSISTENT, Algorithm.HAPROXY_SDBM, Algorithm.HAPROXY_DJB2,
      Algorithm.HAPROXY_WT6, Algorithm.HAPROXY_CRC32, Algorithm.JEDIS, Algorithm.XMEMCACHED, Algorithm.XMEMCACHED_NGINX);
  /** Capacities change no placement (pymemcache, the unweighted ketama dialects, dubbo). */
  static final Set<Algorithm> IGNORES_CAPACITY = EnumSet.of(Algorithm.PYMEMCACHE,
      Algorithm.LIBMEMCACHED_KETAMA_UNWEIGHTED, Algorithm.SPYMEMCACHED, Algorithm.SPYMEMCACHED_LIBMEMCACHED,
      Algorithm.DUBBO);
  /** Built here without avalanche: their key hashes leave similar keys clustered. */
  static final Set<Algorithm> HAPROXY_WITHOUT_AVALANCHE = EnumSet.of(Algorithm.HAPROXY_SDBM, Algorithm.HAPROXY_DJB2,
      Algorithm.HAPROXY_WT6, Algorithm.HAPROXY_CRC32);
  /** Capacities other than 1 are rejected. */
  static final Set<Algorithm> UNIT_ONLY = unitOnly();

  private static Set<Algorithm> unitOnly() {
    Set<Algorithm> out = EnumSet.noneOf(Algorithm.class);
    for (Algorithm a : Algorithm.values()) {
      if (!a.supportsWeights() && !a.isCompatibilityDialect()) {
        out.add(a);
      }
    }
    return out;
  }
  /** twemproxy, nginx and xmemcached reject capacity 0, so their ramp starts at 1. */
  static final Set<Algorithm> NO_ZERO = EnumSet.of(Algorithm.TWEMPROXY, Algorithm.TWEMPROXY_MD5,
      Algorithm.NGINX_HASH_CONSISTENT, Algorithm.XMEMCACHED, Algorithm.XMEMCACHED_NGINX);

  /** Steps, over every try, that moved a key between two servers that were not ramping. */
  private static final Map<Algorithm, Integer> STRAY_STEPS = new EnumMap<>(Algorithm.class);

  @Property(tries = 8)
  void eachStepMovesKeysOnlyOntoTheRampingServer(@ForAll long seed) {
    Random r = new Random(seed);
    String[] keys = Placements.keys(KEYS, seed);
    for (Algorithm a : Algorithm.values()) {
      if (UNIT_ONLY.contains(a)) {
        continue;
      }
      List<Server> fleet = new ArrayList<>();
      for (Server s : Placements.servers(2 + r.nextInt(8), seed)) {
        fleet.add(s.withCapacity(1 + r.nextInt(3)));
      }
      Server newcomer = Placements.servers(11, seed ^ 1).get(10);
      if (fleet.contains(newcomer)) {
        continue;
      }
      int target = 2 + r.nextInt(5);
      Continuum c = Continuum.builder(a).build();
      c.addServers(fleet);
      int start = NO_ZERO.contains(a) ? 1 : 0;
      c.addServer(newcomer.withCapacity(start));
      for (int cap = start + 1; cap <= target; cap++) {
        Server[] before = Placements.resolveAll(c, keys);
        c.updateServer(newcomer.withCapacity(cap));
        Server[] after = Placements.resolveAll(c, keys);
        int onto = 0;
        int stray = 0;
        for (int i = 0; i < KEYS; i++) {
          if (!before[i].equals(after[i])) {
            if (after[i].equals(newcomer)) {
              onto++;
            } else {
              stray++; // between two other servers, or away from the newcomer
            }
          }
        }
        if (HOLDS.contains(a)) {
          assertThat(stray).as("%s, step to capacity %d: keys moved elsewhere than onto the newcomer", a, cap)
              .isZero();
          long total = 0;
          for (Server s : c.servers()) {
            total += s.capacity();
          }
          // The step's expected share is (its unit of capacity) / (total after); rings vary by arc.
          // The share bound needs a key hash that spreads similar keys; HAProxy's functions without
          // avalanche (the builder's default) do not (sdbm and djb2 of "key-1", "key-2" ... cluster),
          // so for them only the direction of every move is checked.
          if (!HAPROXY_WITHOUT_AVALANCHE.contains(a)) {
            assertThat(onto / (double) KEYS).as("%s, step to capacity %d: share moved", a, cap)
                .isLessThanOrEqualTo(2.5 / total + 0.02);
          }
        } else if (IGNORES_CAPACITY.contains(a)) {
          assertThat(onto + stray).as("%s ignores capacities", a).isZero();
        } else if (stray > 0) {
          synchronized (STRAY_STEPS) {
            STRAY_STEPS.merge(a, 1, Integer::sum);
          }
        }
      }
    }
  }

  /** Every weighted algorithm not in {@link #HOLDS} broke the promise on some step. */
  @AfterContainer
  static void theListIsExact() {
    for (Algorithm a : Algorithm.values()) {
      if (!HOLDS.contains(a) && !IGNORES_CAPACITY.contains(a) && !UNIT_ONLY.contains(a)) {
        assertThat(STRAY_STEPS.getOrDefault(a, 0)).as("%s: steps that moved keys between other servers", a)
            .isPositive();
      }
    }
  }

  @Test
  void theAlgorithmsSayWhichAllowSlowStart() {
    for (Algorithm a : Algorithm.values()) {
      assertThat(a.supportsSlowStart()).as(a.cliName()).isEqualTo(HOLDS.contains(a));
    }
  }

  /**
   * A ring's points depend only on capacity times pointsPerWeight, so a fleet can take finer ramp
   * steps without moving a key: every capacity times S and pointsPerWeight divided by S.
   */
  @Test
  void aRingScaledForFinerStepsPlacesEveryKeyWhereItWas() {
    String[] keys = Placements.keys(20_000, 3);
    Continuum plain = new Continuum(Algorithm.RING);
    Continuum scaled = Continuum.builder(Algorithm.RING).pointsPerWeight(40).build();
    for (Server s : Placements.servers(12, 3)) {
      plain.addServer(s);
      scaled.addServer(s.withCapacity(4));
    }
    assertThat(Placements.resolveAll(scaled, keys)).isEqualTo(Placements.resolveAll(plain, keys));
  }

  /** Rendezvous compares capacity / -ln(u): scaling every capacity alike keeps every winner. */
  @Test
  void rendezvousScaledForFinerStepsPlacesEveryKeyWhereItWas() {
    String[] keys = Placements.keys(20_000, 4);
    Continuum plain = new Continuum(Algorithm.RENDEZVOUS);
    Continuum scaled = new Continuum(Algorithm.RENDEZVOUS);
    Random r = new Random(4);
    for (Server s : Placements.servers(12, 4)) {
      Server w = s.withCapacity(1 + r.nextInt(3));
      plain.addServer(w);
      scaled.addServer(w.withCapacity(w.capacity() * 7));
    }
    assertThat(Placements.resolveAll(scaled, keys)).isEqualTo(Placements.resolveAll(plain, keys));
  }
}
