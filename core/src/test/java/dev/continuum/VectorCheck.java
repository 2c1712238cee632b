package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs every row of one oracle's vectors against a {@link Continuum} built from its configuration
 * rows: the expected server (by list index, compared by identity so duplicate copies count), through
 * both {@code resolve(byte[])} and {@code resolve(String)}, and the key hash where the file has one.
 */
final class VectorCheck {
  private VectorCheck() {}

  /** A key hash column and the hash that should reproduce it, or null for none. */
  interface HashColumn {
    long expected(Vectors.Row row, Continuum built, byte[] key);
  }

  /** Checks every row of {@code <oracle>.tsv}, key hashes in decimal; returns the number checked. */
  static int run(String oracle, Function<List<Vectors.Row>, Continuum> build, String indexColumn,
      String hashColumn, HashColumn hash) {
    return run(oracle, build, indexColumn, hashColumn, hash, Long::parseLong);
  }

  /** As {@link #run}, for files that write the key hash as 8 hex digits (nginx, HAProxy). */
  static int runHexHash(String oracle, Function<List<Vectors.Row>, Continuum> build, String indexColumn,
      String hashColumn, HashColumn hash) {
    return run(oracle, build, indexColumn, hashColumn, hash, text -> Long.parseLong(text, 16));
  }

  private static int run(String oracle, Function<List<Vectors.Row>, Continuum> build, String indexColumn,
      String hashColumn, HashColumn hash, ToLongFunction<String> parse) {
    Map<String, List<Vectors.Row>> configs = Vectors.byConfig(Vectors.read(oracle + ".configs.tsv"));
    List<Vectors.Row> rows = Vectors.read(oracle + ".tsv");
    List<String> mismatches = new ArrayList<>();
    String current = null;
    Continuum c = null;
    for (Vectors.Row row : rows) {
      String id = row.get("config_id");
      if (!id.equals(current)) {
        current = id;
        assertThat(configs).as("configuration of %s", row).containsKey(id);
        c = build.apply(configs.get(id));
      }
      byte[] key = row.keyBytes();
      Server expected = c.servers().get(row.getInt(indexColumn));
      Server viaBytes = c.resolve(key);
      Server viaString = c.resolve(new String(key, StandardCharsets.UTF_8));
      if (viaBytes != expected || viaString != expected) {
        mismatches.add(row + " got " + c.servers().indexOf(viaBytes) + " / " + c.servers().indexOf(viaString));
      }
      List<Server> one = c.resolve(key, 1);
      if (one.get(0) != expected) {
        mismatches.add(row + " replica 0 differs: " + one);
      }
      if (hash != null) {
        long want = parse.applyAsLong(row.get(hashColumn));
        long got = hash.expected(row, c, key);
        if (want != got) {
          mismatches.add(row + " " + hashColumn + " " + got);
        }
      }
    }
    assertThat(mismatches).as(oracle + " mismatches").isEmpty();
    return rows.size();
  }
}
