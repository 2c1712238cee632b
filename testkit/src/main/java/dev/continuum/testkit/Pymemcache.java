package dev.continuum.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * pymemcache's {@code HashClient} (Debian python3-pymemcache: rendezvous hashing, murmur3 seed 0) over
 * memcached servers on 127.0.0.1, run in Debian's python3: writes keys, or counts how many it reads
 * back. Every key's value is the key itself, so a hit proves the key was found where it was written.
 * Without python3 or pymemcache every call fails with a {@link MissingProgramError}.
 */
public final class Pymemcache {
  /** Reads keys (one a line, ASCII) from stdin; writes them, or prints how many read back with their own value. */
  private static final String SCRIPT = String.join("\n",
      "import sys",
      "from pymemcache.client.hash import HashClient",
      "mode = sys.argv[1]",
      "c = HashClient([('127.0.0.1', int(p)) for p in sys.argv[2:]], connect_timeout=2, timeout=5)",
      "keys = sys.stdin.read().split('\\n')[:-1]",
      "hits = 0",
      "for i in range(0, len(keys), 500):",
      "    chunk = keys[i:i + 500]",
      "    if mode == 'write':",
      "        failed = c.set_many({k: k.encode() for k in chunk}, noreply=False)",
      "        assert not failed, failed",
      "    else:",
      "        got = c.get_many(chunk)",
      "        hits += sum(1 for k, v in got.items() if v == k.encode())",
      "print(hits if mode == 'read' else len(keys))");

  private Pymemcache() {}

  /**
   * Stores every key (value: the key) through a {@code HashClient} over the servers on {@code ports},
   * in the order given (at most 60 s).
   *
   * @throws AssertionError if python fails or any set is refused
   */
  public static void write(List<Integer> ports, List<String> keys) {
    int written = Integer.parseInt(run("write", ports, keys));
    if (written != keys.size()) {
      throw new AssertionError("pymemcache wrote " + written + " of " + keys.size() + " keys");
    }
  }

  /**
   * How many of {@code keys} a {@code HashClient} over the servers on {@code ports} reads back with
   * their own value (at most 60 s).
   */
  public static int hits(List<Integer> ports, List<String> keys) {
    return Integer.parseInt(run("read", ports, keys));
  }

  private static String run(String mode, List<Integer> ports, List<String> keys) {
    StringBuilder stdin = new StringBuilder();
    for (String k : keys) {
      if (k.isEmpty() || !k.chars().allMatch(c -> c > ' ' && c < 127)) {
        throw new IllegalArgumentException("pymemcache keys here are printable ASCII without spaces: \"" + k + "\"");
      }
      stdin.append(k).append('\n');
    }
    String python = Programs.debianPythonWith("pymemcache", "python3-pymemcache").toString();
    List<String> command = new ArrayList<>(List.of(python, "-c", SCRIPT, mode));
    ports.forEach(p -> command.add(String.valueOf(p)));
    return Processes.run(command, stdin.toString().getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(60))
        .requireSuccess().stdoutText().trim();
  }
}
