package dev.continuum;

/**
 * The one validation layer: every entry point (API, CLI, file readers) checks its input here, so the
 * same mistake always gets the same message.
 */
final class Checks {
  /** Largest port number. */
  static final int MAX_PORT = 65535;

  /**
   * Upper bound on the number of points (ring entries, table slots) one placement may hold, checked
   * before anything is allocated. A ring that size holds {@link #POINT_LIMIT_BYTES} (entries and
   * index), which the limit's message gives.
   */
  static final long MAX_POINTS = 1L << 28;

  /** What a ring of {@link #MAX_POINTS} points holds, as a limit message says it. */
  static final String POINT_LIMIT_BYTES = aboutBytes(PointRing.memoryBytes((int) MAX_POINTS));

  /** Largest {@code pointsPerWeight}. */
  static final int MAX_POINTS_PER_WEIGHT = 1 << 16;

  /** Upper bound on the number of servers in one placement. */
  static final int MAX_SERVERS = 1 << 20;

  /**
   * Upper bound on a host (and a server name or address), in chars. A DNS name has at most 253
   * characters and an IPv6 literal with a zone far fewer; the limit leaves room for that and for
   * socket paths, and keeps every per-host cost (hashing the ring names, twemproxy's name sort)
   * bounded: a 10 MB host used to make one lookup take seconds.
   */
  static final int MAX_HOST_CHARS = 255;

  /**
   * Upper bound on a {@code host:port[:capacity]} text, in chars: a host at the limit in brackets, a
   * port, a capacity and room for blanks. Longer text is rejected before it is parsed or copied.
   */
  static final int MAX_SERVER_SPEC_CHARS = MAX_HOST_CHARS + 64;

  private Checks() {}

  private static void hostLength(String what, String text) {
    if (text.length() > MAX_HOST_CHARS) {
      throw new IllegalArgumentException(what + " too long: " + text.length() + " chars (the limit is "
          + MAX_HOST_CHARS + ")");
    }
  }

  static String host(String host) {
    if (host == null) {
      throw new IllegalArgumentException("host must not be null");
    }
    hostLength("host", host);
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty or blank");
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      int type = Character.getType(c);
      boolean lone = Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c) && i + 1 < host.length() && Character.isLowSurrogate(host.charAt(i + 1)))
          && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(host.charAt(i - 1)));
      // Invisible format characters (byte-order mark, zero-width and bidi controls) and unpaired
      // surrogates would make two hosts that print alike place differently (found by fuzzing).
      if (Character.isWhitespace(c) || Character.isISOControl(c) || type == Character.FORMAT || lone) {
        throw new IllegalArgumentException("host must not contain whitespace, control, invisible format characters"
            + " or unpaired surrogates: \"" + host + "\"");
      }
      if (c == '[' || c == ']') {
        // Brackets only delimit an IPv6 literal in host:port text; inside a host they would make
        // hostPort() unreadable (found by ServerListFuzzTest).
        throw new IllegalArgumentException("host must not contain '[' or ']': \"" + host + "\"");
      }
    }
    return host;
  }

  static int port(int port) {
    if (port < 1 || port > MAX_PORT) {
      throw new IllegalArgumentException("port must be in 1.." + MAX_PORT + ", got " + port);
    }
    return port;
  }

  static int capacity(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
    }
    return capacity;
  }

  static int positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + value);
    }
    return value;
  }

  static String optionalName(String name) {
    if (name == null) {
      return null;
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("server name must not be empty (use null for no name)");
    }
    hostLength("server name", name);
    return name;
  }

  static int optionalId(int id) {
    if (id < 0) {
      throw new IllegalArgumentException("server id must be at least 1 (or 0 for none), got " + id);
    }
    return id;
  }

  static String optionalAddress(String address) {
    if (address == null) {
      return null;
    }
    return host(address);
  }

  static <T> T key(T key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    return key;
  }

  /**
   * {@link #key(CharSequence)} for a {@code String}: the same checks and messages, with
   * {@code length()} a direct call. Through {@code CharSequence} it is an interface call, whose
   * receiver type check the JIT keeps in the lookup: about 1 ns of a 22-ns {@code jumpback} lookup,
   * measured in alternating forks.
   */
  static String key(String key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    if (key.length() > MAX_KEY_CHARS) {
      throw keyTooLong(key.length());
    }
    return key;
  }

  static <T extends CharSequence> T key(T key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    if (key.length() > MAX_KEY_CHARS) {
      throw keyTooLong(key.length());
    }
    return key;
  }

  private static IllegalArgumentException keyTooLong(int chars) {
    return new IllegalArgumentException("key too long: " + chars + " chars (the limit is " + MAX_KEY_CHARS + ")");
  }

  static void totalCapacity(Iterable<Server> servers) {
    long total = 0;
    for (Server s : servers) {
      total += s.capacity();
    }
    if (total > MAX_TOTAL_CAPACITY) {
      throw new IllegalArgumentException("total capacity " + total + " exceeds the limit " + MAX_TOTAL_CAPACITY);
    }
  }

  /**
   * Upper bound on the sum of the capacities of one placement's servers: every algorithm may then
   * add capacities in an {@code int} without overflow.
   */
  static final long MAX_TOTAL_CAPACITY = Integer.MAX_VALUE;

  /**
   * Upper bound on a key given as a {@link CharSequence}, in chars: its UTF-8 encoding (at most 3
   * bytes a char) must fit in one array. Longer keys are rejected before anything is encoded.
   */
  static final int MAX_KEY_CHARS = (Integer.MAX_VALUE - 16) / 3;

  static void servers(long count) {
    if (count > MAX_SERVERS) {
      throw new IllegalArgumentException("too many servers: " + count + " (the limit is " + MAX_SERVERS + ")");
    }
  }

  /**
   * Rejects a server list longer than the peer program can place on, so a compatibility dialect never
   * answers for a configuration the peer itself refuses.
   */
  static void peerServerLimit(String dialect, int count, int limit, String reason) {
    if (count > limit) {
      throw new IllegalArgumentException(dialect + ": " + count + " servers, but the limit is " + limit
          + " (" + reason + ")");
    }
  }

  /** pymemcache's murmur3 seed: verified as a 32-bit unsigned value. */
  static long unsignedSeed32(String dialect, long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(dialect + ": seed must be in 0..4294967295, got " + seed);
    }
    return seed;
  }

  /** Rejects a point count that would exhaust memory, before anything is allocated. */
  static int points(String what, long count) {
    if (count < 0 || count > MAX_POINTS) {
      throw new IllegalArgumentException(what + " would need " + count + " points; the limit is "
          + MAX_POINTS + " (a ring that size holds " + POINT_LIMIT_BYTES + ")");
    }
    return (int) count;
  }

  /** {@code bytes} rounded to the largest binary unit it reaches: "about 3 GiB", "about 64 MiB". */
  static String aboutBytes(long bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (u + 1 < units.length && bytes >= 1L << (10 * (u + 1))) {
      u++;
    }
    return "about " + Math.round(bytes / (double) (1L << (10 * u))) + " " + units[u];
  }

  /**
   * Rejects a ring of {@code perWeight} points per unit of capacity over {@code servers} beyond the
   * point limit, before anything is allocated.
   */
  static void ringPoints(String what, Server[] servers, long perWeight) {
    long count = 0;
    for (Server s : servers) {
      count += s.capacity() * perWeight; // at most 2^47 a server, and the sum stops above the limit
      if (count > MAX_POINTS) {
        break;
      }
    }
    points(what, count);
  }

  /** Rejects a maglev table smaller than the server list: every server needs a slot. */
  static void maglevTable(int tableSize, int servers) {
    if (servers > tableSize) {
      throw new IllegalArgumentException("maglev tableSize " + tableSize + " is smaller than the " + servers
          + " servers; use a prime larger than the number of servers (100 times larger for good balance)");
    }
  }

  /** Largest number of multi-probe probes: each costs a hash and a binary search per lookup. */
  static final int MAX_PROBES = 1024;

  static int pointsPerWeight(int n) {
    if (n < 1 || n > MAX_POINTS_PER_WEIGHT) {
      throw new IllegalArgumentException("pointsPerWeight must be in 1.." + MAX_POINTS_PER_WEIGHT + ", got " + n);
    }
    return n;
  }

  static int probes(int n) {
    if (n < 1 || n > MAX_PROBES) {
      throw new IllegalArgumentException("probes must be in 1.." + MAX_PROBES + ", got " + n);
    }
    return n;
  }

  /** A maglev table size: a prime within the point limit. */
  static int tableSize(int m) {
    if (m < 2) {
      throw new IllegalArgumentException("tableSize must be a prime of at least 2, got " + m);
    }
    points("tableSize " + m, m);
    if (!isPrime(m)) {
      throw new IllegalArgumentException("tableSize must be prime, got " + m + " (e.g. 65537, 655373)");
    }
    return m;
  }

  static boolean isPrime(int m) {
    if (m < 2) {
      return false;
    }
    if (m % 2 == 0) {
      return m == 2;
    }
    for (int d = 3; (long) d * d <= m; d += 2) {
      if (m % d == 0) {
        return false;
      }
    }
    return true;
  }

  static double loadFactor(double c) {
    if (!(c >= 1.0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("loadFactor must be a finite number of at least 1, got " + c);
    }
    return c;
  }

  /** An algorithm without weights takes only servers of capacity 1. */
  static void unweighted(String algorithm, Server s) {
    if (s.capacity() != 1) {
      throw new IllegalArgumentException(algorithm + " does not support weights: server " + s.host() + ":"
          + s.port() + " has capacity " + s.capacity() + ", must be 1");
    }
  }

  static Server parseServer(String spec) {
    if (spec == null) {
      throw new IllegalArgumentException("server must not be null");
    }
    if (spec.length() > MAX_SERVER_SPEC_CHARS) {
      throw new IllegalArgumentException("server too long: " + spec.length() + " chars (the limit is "
          + MAX_SERVER_SPEC_CHARS + "; a host is at most " + MAX_HOST_CHARS + ")");
    }
    String s = spec.strip();
    String host;
    String rest;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("missing ']' in \"" + spec + "\"");
      }
      host = s.substring(1, close);
      rest = s.substring(close + 1);
      if (!rest.startsWith(":")) {
        throw new IllegalArgumentException("expected host:port[:capacity], got \"" + spec + "\"");
      }
      rest = rest.substring(1);
    } else {
      int colon = s.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("expected host:port[:capacity], got \"" + spec + "\"");
      }
      host = s.substring(0, colon);
      rest = s.substring(colon + 1);
    }
    String[] parts = rest.split(":", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("expected host:port[:capacity], got \"" + spec + "\"");
    }
    int port = parseInt("port", parts[0], spec);
    int capacity = parts.length == 2 ? parseInt("capacity", parts[1], spec) : 1;
    return Server.of(host, port, capacity);
  }

  static int parseInt(String what, String text, String context) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is not a number: \"" + text + "\" in \"" + context + "\"");
    }
  }
}
