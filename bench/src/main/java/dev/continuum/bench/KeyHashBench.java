package dev.continuum.bench;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import dev.continuum.BenchSupport;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
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
 * The candidates for continuum's key hash over the suite's keys (15 to 30 ASCII chars): hash4j's
 * implementations over the keys' UTF-8 bytes (the functions' own cost), and continuum's two
 * {@code KeyHashFunction}s over the String, as a placement calls them; two hash4j functions over the
 * String's chars too (what a hash4j user pays per String key). Compare within one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyHashBench {
  @Param({"hash4j-xxh64", "hash4j-rapidhashV3", "hash4j-xxh3_64", "hash4j-wyhashFinal4", "hash4j-komihash5_0",
      "hash4j-komihash5_0-chars", "hash4j-rapidhashV3-chars", "continuum-xxhash64", "continuum-rapidhash",
      "continuum-rapidhash-wide"})
  public String function;

  private Hasher64 hash4j;
  /** hash4j over the key's UTF-16 chars ({@code hashCharsToLong}), as a hash4j user hashes a String. */
  private boolean chars;
  private ToLongFunction<String> continuum;
  private String[] strings;
  private byte[][] bytes;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    switch (function) {
      case "hash4j-xxh64" -> hash4j = Hashing.xxh64();
      case "hash4j-rapidhashV3" -> hash4j = Hashing.rapidhashV3();
      case "hash4j-xxh3_64" -> hash4j = Hashing.xxh3_64();
      case "hash4j-wyhashFinal4" -> hash4j = Hashing.wyhashFinal4();
      case "hash4j-komihash5_0" -> hash4j = Hashing.komihash5_0();
      case "hash4j-komihash5_0-chars" -> {
        hash4j = Hashing.komihash5_0();
        chars = true;
      }
      case "hash4j-rapidhashV3-chars" -> {
        hash4j = Hashing.rapidhashV3();
        chars = true;
      }
      case "continuum-xxhash64" -> continuum = BenchSupport.keyHash("xxhash64", 0);
      case "continuum-rapidhash" -> continuum = BenchSupport.keyHash("rapidhash", 0);
      case "continuum-rapidhash-wide" -> continuum = BenchSupport.keyHash("rapidhash-wide", 0);
      default -> throw new IllegalArgumentException(function);
    }
    strings = new Fleet(10).keys;
    bytes = new byte[strings.length][];
    for (int i = 0; i < strings.length; i++) {
      bytes[i] = strings[i].getBytes(StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  public long hash() {
    int i = next++ & (Fleet.KEYS - 1);
    if (continuum != null) {
      return continuum.applyAsLong(strings[i]);
    }
    return chars ? hash4j.hashCharsToLong(strings[i]) : hash4j.hashBytesToLong(bytes[i]);
  }
}
