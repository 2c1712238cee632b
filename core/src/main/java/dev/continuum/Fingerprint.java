package dev.continuum;

import dev.continuum.KetamaRing.Dialect;
import dev.continuum.KetamaRing.NodeName;
import dev.continuum.KetamaRing.Points;
import dev.continuum.KetamaRing.ZeroWeight;
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
  static String of(Algorithm algorithm, Options options, PlacementFactory factory, Server[] servers,
      Placement placement) {
    Fingerprint f = new Fingerprint();
    f.field("format").number(FORMAT);
    f.field(algorithm.cliName()).number(algorithm.placementVersion());
    for (Knob k : Knob.values()) {
      // The default key hash is left out, so that fingerprints made before it was selectable stand.
      boolean defaultKeyHash = k == Knob.KEY_HASH && options.keyHash == KeyHashFunction.XXHASH64;
      if (algorithm.accepts(k) && k != Knob.DUPLICATE_SERVERS && !defaultKeyHash) {
        f.field(k.label).field(value(k, options));
      }
    }
    if (placement instanceof SlotPlacement) {
      ((SlotPlacement) placement).describe(servers, f);
    } else {
      f.servers(algorithm, factory, servers);
    }
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
        return o.keyHash.cliName();
      case AVALANCHE:
        return Boolean.toString(o.avalanche);
      default:
        throw new AssertionError(k);
    }
  }

  /** How one algorithm reads a server list. */
  private static final class Reading {
    boolean ordered = true;
    boolean names;
    boolean addresses;
    /** The explicit id (HAProxy's), 0 for none: an assigned id follows from the list order. */
    boolean ids;
    /** Capacity as read: -1 ignored, 0 as given, 1 zero read as one. */
    int capacity;
  }

  private void servers(Algorithm algorithm, PlacementFactory factory, Server[] servers) {
    Reading r = reading(algorithm, factory, servers);
    Server[] list = servers;
    if (!r.ordered) {
      list = servers.clone();
      Arrays.sort(list, Comparator.comparing(Server::host).thenComparingInt(Server::port));
    }
    field("servers").number(list.length);
    for (Server s : list) {
      field(s.host()).number(s.port());
      if (r.capacity >= 0) {
        number(r.capacity == 1 ? Math.max(1, s.capacity()) : s.capacity());
      }
      if (r.names) {
        field(s.name() == null ? "" : "=" + s.name());
      }
      if (r.ids) {
        number(s.id());
      }
      if (r.addresses && !KetamaRing.isIpLiteral(s.host())) {
        field(s.address() == null ? "" : "=" + s.address());
      }
    }
  }

  private static Reading reading(Algorithm algorithm, PlacementFactory factory, Server[] servers) {
    Reading r = new Reading();
    if (factory instanceof Dialect) {
      Dialect d = (Dialect) factory;
      r.names = d.names == NodeName.TWEMPROXY;
      r.addresses = d.names == NodeName.SPYMEMCACHED;
      boolean weighted = d.points == Points.WEIGHTED_MD5_WORDS
          || (d.points == Points.HUNDRED_HASHED_UNLESS_WEIGHTED && anyAboveOne(servers));
      r.capacity = !weighted ? -1 : d.peer.zeroWeight == ZeroWeight.AS_ONE ? 1 : 0;
      return r;
    }
    switch (algorithm) {
      case PYMEMCACHE:
        r.ordered = false;
        r.names = true;
        r.capacity = -1;
        break;
      case RING:
      case BOUNDED_LOAD:
      case RENDEZVOUS:
      case MULTI_PROBE:
        r.ordered = false;
        break;
      case PYTHON_CONTINUUM:
      case MAGLEV:
        break;
      case JEDIS: // unnamed shards are named by position, named ones by name
        r.names = true;
        break;
      case XMEMCACHED:
      case XMEMCACHED_NGINX: // ring names from the resolved address
        r.addresses = true;
        break;
      case DUBBO: // weights ignored; the later invoker keeps a shared point
        r.capacity = -1;
        break;
      case NGINX_HASH_CONSISTENT:
        r.names = true; // the address as written names the points
        break;
      case HAPROXY_SDBM:
      case HAPROXY_DJB2:
      case HAPROXY_WT6:
      case HAPROXY_CRC32:
        r.ids = true;
        break;
      default:
        throw new AssertionError("no fingerprint reading for " + algorithm);
    }
    return r;
  }

  private static boolean anyAboveOne(Server[] servers) {
    for (Server s : servers) {
      if (s.capacity() > 1) {
        return true;
      }
    }
    return false;
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
