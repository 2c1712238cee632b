package dev.continuum;

import dev.continuum.Options.Knob;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The placement fingerprint of {@link Continuum#fingerprint()}: an MD5 digest of a canonical record of
 * everything a placement depends on, and of nothing else.
 *
 * <p>The record holds the algorithm's name and placement version; the options it reads (the knobs it
 * accepts, less {@code allowDuplicateServers}, which changes no placement by itself); then the servers:
 * <ul>
 *   <li>host and port always (they name the server a key goes to);
 *   <li>the capacity as the algorithm reads it: not at all where it is ignored (jump, jumpback, memento,
 *       pymemcache, the unweighted ketama dialects, libmemcached's until some weight exceeds 1),
 *       0 read as 1 where the peer does so (libmemcached);
 *   <li>the explicit id where the dialect places by it (HAProxy);
 *   <li>the name where the dialect puts it on the ring (twemproxy, pymemcache, nginx) and the resolved
 *       address where the node key contains it (spymemcached's default format, host not an IP literal);
 *   <li>in list order where ties or shares depend on it, in canonical order where the algorithm is a
 *       function of the set (ring, bounded-load, rendezvous, multi-probe, pymemcache);
 *   <li>for jump, jumpback and memento, the slot state instead of the list: which server holds each slot, and
 *       memento's memory of removed slots, so that two clients with equal fingerprints also agree
 *       after the same next change.
 * </ul>
 * Every field is written with its length, so no two records share an encoding.
 */
final class Fingerprint {
  /** Bumped only if the record's layout changes, which changes every fingerprint. */
  private static final int FORMAT = 1;

  private final StringBuilder record = new StringBuilder(256);

  private Fingerprint() {}

  /**
   * The fingerprint of {@code placement}, built by {@code algorithm} with {@code options} over
   * {@code servers}: {@code <algorithm>-v<version>-<16 hex digits>}.
   */
  static String of(Algorithm algorithm, Options options, Server[] servers, Placement placement) {
    Fingerprint f = new Fingerprint();
    f.field("format").number(FORMAT);
    f.field(algorithm.cliName()).number(algorithm.placementVersion());
    for (Knob k : Knob.values()) {
      // The algorithm's default key hash is left out, so that fingerprints made before it was
      // selectable stand.
      boolean defaultKeyHash = k == Knob.KEY_HASH
          && (options.keyHash == null || options.keyHash == algorithm.defaultKeyHash().orElse(null));
      if (algorithm.accepts(k) && k != Knob.DUPLICATE_SERVERS && !defaultKeyHash) {
        f.field(k.label).field(value(k, options));
      }
    }
    placement.describe(servers, f);
    int[] words = new int[4];
    byte[] bytes = f.record.toString().getBytes(StandardCharsets.UTF_8);
    Md5.words(bytes, 0, bytes.length, words);
    return algorithm.cliName() + "-v" + algorithm.placementVersion() + "-" + hex(words[0]) + hex(words[1]);
  }

  private static String value(Knob k, Options o) {
    switch (k) {
      case TOTAL_DOTS:
        return Integer.toString(o.totalDots);
      case SEED:
        return Long.toString(o.seed);
      case POINTS_PER_WEIGHT:
        return Integer.toString(o.pointsPerWeight);
      case PROBES:
        return Integer.toString(o.probes);
      case TABLE_SIZE:
        return Integer.toString(o.tableSize);
      case LOAD_FACTOR:
        return Long.toHexString(Double.doubleToLongBits(o.loadFactor));
      case KEY_HASH:
        return o.keyHash.cliName(); // only when not the default: chosen, so not null
      case AVALANCHE:
        return Boolean.toString(o.avalanche);
      default:
        throw new AssertionError(k);
    }
  }

  /**
   * What of each server a placement reads, declared by the placement class itself
   * ({@link Placement#describe}): the one place that knows how an algorithm reads its list, so a new
   * placement class cannot be added without saying it. Immutable; {@link #LIST} and {@link #SET} are
   * the starting points, the other methods return a copy with one more field read.
   */
  static final class Reading {
    private static final int CAPACITY_IGNORED = -1;
    private static final int CAPACITY_AS_GIVEN = 0;
    private static final int CAPACITY_ZERO_AS_ONE = 1;

    /** In list order (ties or shares depend on it), host, port and capacity as given. */
    static final Reading LIST = new Reading(true, false, false, false, CAPACITY_AS_GIVEN);
    /** As {@link #LIST}, in canonical order: the placement is a function of the set of servers. */
    static final Reading SET = new Reading(false, false, false, false, CAPACITY_AS_GIVEN);

    final boolean ordered;
    final boolean names;
    final boolean addresses;
    /** The explicit id (HAProxy's), 0 for none: an assigned id follows from the list order. */
    final boolean ids;
    final int capacity;

    private Reading(boolean ordered, boolean names, boolean addresses, boolean ids, int capacity) {
      this.ordered = ordered;
      this.names = names;
      this.addresses = addresses;
      this.ids = ids;
      this.capacity = capacity;
    }

    /** Also the server's name (on the ring, or in the node string). */
    Reading names() {
      return new Reading(ordered, true, addresses, ids, capacity);
    }

    /** Also the resolved address, where the host is not an IP literal (it is in the node key). */
    Reading addresses() {
      return new Reading(ordered, names, true, ids, capacity);
    }

    /** Also the explicit id. */
    Reading ids() {
      return new Reading(ordered, names, addresses, true, capacity);
    }

    /** Not the capacity: it never changes a key's server. */
    Reading capacityIgnored() {
      return new Reading(ordered, names, addresses, ids, CAPACITY_IGNORED);
    }

    /** The capacity with 0 read as 1, as the peer reads it. */
    Reading zeroCapacityAsOne() {
      return new Reading(ordered, names, addresses, ids, CAPACITY_ZERO_AS_ONE);
    }
  }

  /** Writes {@code servers} as {@code reading} says the placement reads them. */
  void servers(Server[] servers, Reading reading) {
    Server[] list = servers;
    if (!reading.ordered) {
      list = servers.clone();
      Arrays.sort(list, Comparator.comparing(Server::host).thenComparingInt(Server::port));
    }
    field("servers").number(list.length);
    for (Server s : list) {
      field(s.host()).number(s.port());
      if (reading.capacity != Reading.CAPACITY_IGNORED) {
        number(reading.capacity == Reading.CAPACITY_ZERO_AS_ONE ? Math.max(1, s.capacity()) : s.capacity());
      }
      if (reading.names) {
        field(s.name() == null ? "" : "=" + s.name());
      }
      if (reading.ids) {
        number(s.id());
      }
      if (reading.addresses && !KetamaRing.isIpLiteral(s.host())) {
        field(s.address() == null ? "" : "=" + s.address());
      }
    }
  }

  /** Appends a length-prefixed string. */
  Fingerprint field(String s) {
    record.append(s.length()).append(':').append(s).append(';');
    return this;
  }

  /** Appends a number. */
  Fingerprint number(long n) {
    record.append('#').append(n).append(';');
    return this;
  }

  /** Appends a slot's server, or a removed slot. */
  Fingerprint slot(Server s) {
    return s == null ? field("-") : field(s.host()).number(s.port());
  }

  private static String hex(int word) {
    String h = Integer.toHexString(word);
    return "00000000".substring(h.length()) + h;
  }
}
