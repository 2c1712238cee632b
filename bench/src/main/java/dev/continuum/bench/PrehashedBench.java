package dev.continuum.bench;

import com.dynatrace.hash4j.consistent.ConsistentBucketHasher;
import com.dynatrace.hash4j.consistent.ConsistentHashing;
import dev.continuum.BenchSupport;
import dev.continuum.Continuum;
import dev.continuum.Server;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One lookup of a key whose 64-bit hash the caller already holds: continuum's
 * {@code resolve(long)} against hash4j's {@code jumpBackHashSplitMix64().getBucket(hash, n)}, cycling
 * through {@link Fleet#KEYS} random hashes. Placement cost alone, no key hash. {@code jumpback-function}
 * is continuum's JumpBackHash function alone, the same work as hash4j's, so that the two
 * {@code jumpback} rows differ by the call path only; {@code continuum-jumpback-mixed} is
 * {@code continuum-jumpback} after continuums of four other algorithms ran in the same JVM
 * ({@link Contenders#runBesideOthers}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PrehashedBench {
  /**
   * hash4j's {@code getBucket} over a server array read from a volatile field on every lookup: what a
   * hash4j user writes to change the fleet while other threads look up (publish a new array, read it
   * once a lookup). {@code hash4j-jumpback} keeps its array in a plain field, which the JIT may read
   * once for the whole measurement loop; continuum, like this contender, must read its published
   * snapshot on every call. So this row prices the publication itself.
   */
  static final String PUBLISHED = "hash4j-jumpback-published";

  /** The contenders that take a pre-hashed key. */
  static final String[] CONTENDERS = {"continuum-jumpback", "hash4j-jumpback", PUBLISHED, "jumpback-function",
    Contenders.MIXED, "continuum-memento",
    "continuum-memento-10pct-removed", "continuum-jump", "continuum-maglev", "continuum-ring"};

  @Param({"1000"})
  public int servers;

  @Param({"continuum-jumpback"})
  public String contender;

  private Continuum continuum;
  private ConsistentBucketHasher jumpBack;
  private Server[] fleetServers;
  private long[] hashes;
  private boolean function;
  private boolean readPublished;
  private volatile Server[] published;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Fleet fleet = new Fleet(servers);
    fleetServers = Contenders.servers(fleet);
    hashes = new long[Fleet.KEYS];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = random.nextLong();
    }
    if (contender.equals("jumpback-function")) {
      function = true;
      Continuum check = Contenders.built("continuum-jumpback", fleet);
      for (long h : hashes) {
        if (!fleetServers[BenchSupport.jumpBackBucket(h, servers)].equals(check.resolve(h))) {
          throw new IllegalStateException("jumpback-function and continuum-jumpback disagree on hash " + h);
        }
      }
      return;
    }
    if (contender.equals("hash4j-jumpback") || contender.equals(PUBLISHED)) {
      jumpBack = ConsistentHashing.jumpBackHashSplitMix64();
      if (contender.equals(PUBLISHED)) {
        readPublished = true;
        published = fleetServers.clone();
      }
      // hash4j's bucket i is the fleet's server i, as continuum's jumpback slot i is its i-th server
      Continuum check = Contenders.built("continuum-jumpback", fleet);
      for (long h : hashes) {
        if (!fleetServers[jumpBack.getBucket(h, servers)].equals(check.resolve(h))) {
          throw new IllegalStateException("hash4j-jumpback and continuum-jumpback disagree on hash " + h);
        }
      }
      return;
    }
    if (contender.equals(Contenders.MIXED)) {
      continuum = Contenders.built("continuum-jumpback", fleet);
      long[] keyHashes = hashes;
      Contenders.runBesideOthers(fleet, continuum, c -> {
        int sum = 0;
        for (long h : keyHashes) {
          sum += c.resolve(h).port();
        }
        return sum;
      });
    } else {
      continuum = Contenders.built(contender, fleet);
    }
    for (long h : hashes) {
      int i = java.util.Arrays.asList(fleetServers).indexOf(continuum.resolve(h));
      if (i < 0 || contender.endsWith("removed") && Contenders.removedTenth(i, servers)) {
        throw new IllegalStateException(contender + " placed hash " + h + " off its servers");
      }
    }
  }

  @Benchmark
  public Object lookup() {
    long h = hashes[next++ & (Fleet.KEYS - 1)];
    if (function) {
      return fleetServers[BenchSupport.jumpBackBucket(h, fleetServers.length)];
    }
    if (jumpBack == null) {
      return continuum.resolve(h);
    }
    if (readPublished) {
      Server[] s = published;
      return s[jumpBack.getBucket(h, s.length)];
    }
    return fleetServers[jumpBack.getBucket(h, fleetServers.length)];
  }
}
