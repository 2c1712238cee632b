package example;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import java.util.ArrayList;
import java.util.List;

/**
 * What a first program with continuum looks like: python-continuum's README ring, and a libketama ring
 * (libmemcached {@code KETAMA_WEIGHTED}) as a PHP or C client sees it.
 */
public final class Quickstart {
  private Quickstart() {}

  /**
   * Places a few keys on both rings.
   *
   * @return one line per key, {@code algorithm key -> host:port}
   */
  public static List<String> run() {
    List<String> out = new ArrayList<>();
    Continuum python = new Continuum();
    python.addServer("192.168.0.1", 8080);
    python.addServer("192.168.0.2", 8080);
    python.addServer("192.168.0.3", 8080, 2);
    for (String key : List.of("my-first-key", "my-other-key")) {
      out.add("python-continuum " + key + " -> " + python.resolve(key).hostPort());
    }
    Continuum ketama = new Continuum(Algorithm.LIBMEMCACHED_KETAMA_WEIGHTED);
    ketama.addServer("10.0.74.94", 11211);
    ketama.addServer("192.168.0.37", 11211);
    ketama.addServer("192.168.0.8", 11211);
    out.add("libmemcached-ketama-weighted foo -> " + ketama.resolve("foo").hostPort());
    return out;
  }

  /**
   * Prints {@link #run()}.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run().forEach(System.out::println);
  }
}
