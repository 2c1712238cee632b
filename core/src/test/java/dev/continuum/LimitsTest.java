package dev.continuum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The documented maximums ({@link Checks}): each works at the limit and is rejected just above it,
 * before anything of the rejected size is allocated, leaving the continuum unchanged.
 */
class LimitsTest {
  /** A list that claims a size but must never be read: proves a check happens before iteration. */
  private static <T> List<T> sizedButUnreadable(int size) {
    return new AbstractList<T>() {
      @Override
      public T get(int index) {
        throw new AssertionError("read element " + index + " of a list that should have been rejected by its size");
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** Hosts shared by many servers (one per 60,000 ports), so a million servers fit a 256 MB heap. */
  private static final String[] HOSTS = new String[64];

  static {
    for (int h = 0; h < HOSTS.length; h++) {
      HOSTS[h] = "10.0.0." + h;
    }
  }

  private static List<Server> servers(int from, int count) {
    List<Server> list = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      list.add(Server.of(HOSTS[i / 60_000], 1 + i % 60_000));
    }
    return list;
  }

  @Test
  void serverCountLimit() {
    // Just above, checked by the batch's size before a single element is read or copied.
    Continuum c = new Continuum();
    assertThatThrownBy(() -> c.addServers(sizedButUnreadable(Checks.MAX_SERVERS + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("too many servers: " + (Checks.MAX_SERVERS + 1) + " (the limit is " + Checks.MAX_SERVERS + ")");
    assertThat(c.size()).isZero();

    // At the limit: works; one more is rejected and changes nothing. (About 32 MB of Server objects;
    // one dot a server, so that every server is on the ring.)
    Continuum full = Continuum.builder(Algorithm.PYTHON_CONTINUUM).totalDots(Checks.MAX_SERVERS).build();
    placeAtLimit(full);
  }

  private static void placeAtLimit(Continuum c) {
    c.addServers(servers(0, Checks.MAX_SERVERS - 1));
    Server last = Server.of("192.168.0.1", 8080);
    c.addServer(last);
    assertThat(c.size()).isEqualTo(Checks.MAX_SERVERS);
    assertThat(c.servers().get(Checks.MAX_SERVERS - 1)).isSameAs(last);
    Server answer = c.resolve("k");
    assertThatThrownBy(() -> c.addServer("192.168.0.2", 8080)).hasMessageStartingWith("too many servers: " + (Checks.MAX_SERVERS + 1));
    assertThatThrownBy(() -> c.addServers(List.of(Server.of("192.168.0.2", 8080)))).hasMessageStartingWith("too many servers");
    assertThat(c.size()).isEqualTo(Checks.MAX_SERVERS);
    assertThat(c.resolve("k")).isSameAs(answer);
  }

  @Test
  void pointLimit() {
    assertThat(Checks.points("x", Checks.MAX_POINTS)).isEqualTo(1 << 28);
    assertThatThrownBy(() -> Checks.points("x", Checks.MAX_POINTS + 1))
        .hasMessage("x would need 268435457 points; the limit is 268435456 (a ring that size holds about 3 GiB)");
    // totalDots at the limit is accepted (an empty continuum allocates no points) ...
    Continuum atLimit = Continuum.builder(Algorithm.PYTHON_CONTINUUM).totalDots((int) Checks.MAX_POINTS).build();
    assertThat(atLimit.memoryBytes()).isLessThan(1024);
    // ... and one above is rejected by the builder, before any ring exists.
    assertThatThrownBy(() -> Continuum.builder(Algorithm.PYTHON_CONTINUUM).totalDots((int) Checks.MAX_POINTS + 1))
        .hasMessage("totalDots 268435457 would need 268435457 points; the limit is 268435456 (a ring that size holds about 3 GiB)");
    assertThatThrownBy(() -> new PointRing.Builder(Integer.MAX_VALUE)).hasMessageContaining("the limit is 268435456");
  }

  @Test
  void totalCapacityLimit() {
    Continuum c = new Continuum();
    Server big = c.addServer("10.0.0.1", 1, Integer.MAX_VALUE - 1);
    Server one = c.addServer("10.0.0.2", 1, 1); // total exactly at the limit
    assertThat(c.resolve("k")).isIn(big, one);
    List<Server> before = c.servers();
    assertThatThrownBy(() -> c.addServer("10.0.0.3", 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("total capacity 2147483648 exceeds the limit 2147483647");
    assertThatThrownBy(() -> c.updateServer(one.withCapacity(2))).hasMessage("total capacity 2147483648 exceeds the limit 2147483647");
    assertThat(c.servers()).containsExactlyElementsOf(before);
    assertThat(c.servers().get(1).capacity()).isEqualTo(1);
  }

  /**
   * Every algorithm either places on a huge capacity or rejects it cleanly; never overflows. 2^26 + 1
   * is just past the point limit of multi-probe's four points a unit (and far past the rings'), so in
   * this 256 MB heap a check made after allocating would fail.
   */
  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void hugeCapacitiesNeverCorruptAnyAlgorithm(Algorithm a) {
    Continuum c = Continuum.builder(a).build();
    c.addServers(Server.of("10.0.0.1", 1), Server.of("10.0.0.2", 1, a.supportsWeights() ? 3 : 1));
    List<Object> before = ModelBasedTest.answers(c);
    for (int capacity : new int[] {Integer.MAX_VALUE - 4, 1 << 30, (1 << 26) + 1}) {
      try {
        c.addServer("10.0.0.3", 1, capacity);
      } catch (IllegalArgumentException rejected) {
        assertThat(rejected.getMessage()).isNotBlank();
        assertThat(ModelBasedTest.answers(c)).isEqualTo(before);
        continue;
      }
      assertThat(c.resolve("k")).isIn(c.servers());
      c.removeServer("10.0.0.3", 1);
      assertThat(ModelBasedTest.answers(c)).isEqualTo(before);
    }
  }

  /**
   * With generation deferred, a change that breaks a placement limit is rejected at the change, naming
   * the limit, and {@code generate()} keeps working (it used to be accepted into the list, and every
   * later {@code generate()} threw until it was removed).
   */
  @Test
  void deferredGenerationRejectsALimitAtTheChange() {
    Continuum ring = Continuum.builder(Algorithm.RING).autogenerate(false).build();
    ring.addServer("10.0.0.1", 1);
    assertThatThrownBy(() -> ring.addServer("10.0.0.2", 1, 1 << 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the ring would need 2684354720 points; the limit is 268435456 (a ring that size holds about 3 GiB)");
    assertThat(ring.servers()).containsExactly(Server.of("10.0.0.1", 1));
    ring.generate();
    assertThat(ring.resolve("k")).isEqualTo(Server.of("10.0.0.1", 1));

    Continuum maglev = Continuum.builder(Algorithm.MAGLEV).tableSize(13).autogenerate(false).build();
    maglev.addServers(servers(0, 13));
    assertThatThrownBy(() -> maglev.addServers(servers(13, 1)))
        .hasMessageStartingWith("maglev tableSize 13 is smaller than the 14 servers");
    maglev.generate();
    assertThat(maglev.size()).isEqualTo(13);

    Continuum libmemcached = Continuum.builder(Algorithm.LIBMEMCACHED_KETAMA).autogenerate(false).build();
    libmemcached.addServers(servers(0, 100));
    assertThatThrownBy(() -> libmemcached.addServers(servers(100, 1)))
        .hasMessageStartingWith("libmemcached-ketama: 101 servers, but the limit is 100");

    Continuum twemproxy = Continuum.builder(Algorithm.TWEMPROXY).autogenerate(false).build();
    assertThatThrownBy(() -> twemproxy.addServer("10.0.0.1", 1, 0)).hasMessageContaining("capacity 0");
    Continuum pymemcache = Continuum.builder(Algorithm.PYMEMCACHE).autogenerate(false).build();
    pymemcache.addServer(Server.of("10.0.0.1", 1).withName("a"));
    assertThatThrownBy(() -> pymemcache.addServer(Server.of("10.0.0.2", 1).withName("a")))
        .hasMessageContaining("same node name \"a\"");
    pymemcache.generate();
  }

  @Test
  void keyLengthLimit() {
    assertThat(Checks.MAX_KEY_CHARS).isEqualTo(715_827_877);
    assertThat(Checks.key(fakeKey(Checks.MAX_KEY_CHARS))).isNotNull();
    assertThatThrownBy(() -> Checks.key(fakeKey(Checks.MAX_KEY_CHARS + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key too long: 715827878 chars (the limit is 715827877)");
    assertThatThrownBy(() -> Checks.key(fakeKey(Integer.MAX_VALUE))).hasMessageStartingWith("key too long");
  }

  /** A char sequence that reports a length but holds nothing: proves the check reads only the length. */
  private static CharSequence fakeKey(int length) {
    return new CharSequence() {
      @Override
      public int length() {
        return length;
      }

      @Override
      public char charAt(int index) {
        throw new AssertionError("a key that is too long must not be read");
      }

      @Override
      public CharSequence subSequence(int start, int end) {
        throw new AssertionError();
      }

      @Override
      public String toString() {
        return "fake key of " + length + " chars";
      }
    };
  }

  @Test
  void longKeysWorkAndAreNotRetained() {
    Continuum c = new Continuum();
    c.addServers(servers(0, 5));
    String key = "\u00e9".repeat(4 << 20); // 4 Mi chars, 8 MiB of UTF-8
    assertThat(c.resolve(key)).isEqualTo(c.resolve(key.getBytes(StandardCharsets.UTF_8)));
    // a scratch buffer that large is handed out fresh each time, not kept per thread
    assertThat(Utf8.scratch(Utf8.RETAINED_LIMIT + 1)).isNotSameAs(Utf8.scratch(Utf8.RETAINED_LIMIT + 1));
    assertThat(Utf8.scratch(1000)).isSameAs(Utf8.scratch(1000));
    assertThat(Utf8.scratch(Utf8.RETAINED_LIMIT).length).isLessThanOrEqualTo(2 * Utf8.RETAINED_LIMIT);
  }

  /** Regression: hosts had no length limit (a 10 MB host made one lookup take seconds). */
  @Test
  void hostsNamesAndServerTextHaveALengthLimit() {
    String longest = "h".repeat(Checks.MAX_HOST_CHARS);
    assertThat(Server.of(longest, 1).host()).isEqualTo(longest);
    String huge = "h".repeat(10 << 20);
    assertThatThrownBy(() -> Server.of(huge, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host too long: 10485760 chars (the limit is 255)");
    Continuum c = new Continuum();
    c.addServer("10.0.0.1", 1);
    assertThatThrownBy(() -> c.addServer(longest + "h", 1)).hasMessage("host too long: 256 chars (the limit is 255)");
    assertThatThrownBy(() -> Server.of("h", 1).withName(huge)).hasMessage("server name too long: 10485760 chars (the limit is 255)");
    assertThatThrownBy(() -> Server.of("h", 1).withAddress(huge)).hasMessage("host too long: 10485760 chars (the limit is 255)");
    assertThatThrownBy(() -> Server.parse(huge + ":1")).hasMessageStartingWith("server too long: 10485762 chars");
    assertThat(Server.parse("[" + "a".repeat(Checks.MAX_HOST_CHARS) + "]:65535:2147483647").capacity())
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(c.servers()).containsExactly(Server.of("10.0.0.1", 1));
  }
}
