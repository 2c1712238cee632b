package dev.continuum.xmemcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.code.yanf4j.core.Session;
import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import dev.continuum.Server;
import dev.continuum.xmemcached.ContinuumSessionLocator.ServerNames;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;
import net.rubyeye.xmemcached.networking.MemcachedSession;
import net.rubyeye.xmemcached.utils.InetSocketAddressWrapper;
import org.junit.jupiter.api.Test;

/**
 * How the locator names servers, over stand-in sessions built the way xmemcached builds its own: the
 * address the client was given, wrapped with xmemcached's address resolution on, and the address text
 * xmemcached records at the first connection. The IP literals here have host names set directly
 * ({@code InetAddress.getByAddress(name, ip)}), which is what xmemcached's reverse lookup leaves in an
 * address given as a literal, without depending on this machine's name service.
 */
class ServerNamesTest {
  private static final int KEYS = 2_000;

  /** {@code ip} as xmemcached holds it after looking up its host name {@code reverseName}. */
  private static Session session(String reverseName, byte[] ip, int port, int weight) throws Exception {
    InetSocketAddress given = new InetSocketAddress(InetAddress.getByAddress(reverseName, ip), port);
    InetSocketAddressWrapper wrapper = new InetSocketAddressWrapper(given, 0, weight, null, true);
    wrapper.setRemoteAddressStr(String.valueOf(given)); // what MemcachedConnector.addSession records
    return (Session) Proxy.newProxyInstance(MemcachedSession.class.getClassLoader(),
        new Class<?>[] {MemcachedSession.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getInetSocketAddressWrapper" -> wrapper;
          case "getRemoteSocketAddress" -> InetSocketAddress.createUnresolved(reverseName, port); // reconnected by name
          case "getWeight" -> weight;
          case "isClosed" -> false;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "stand-in " + given;
          default -> throw new UnsupportedOperationException("stand-in session: " + method.getName());
        });
  }

  private static List<Session> fleet() throws Exception {
    return List.of(
        session("cache-7.example", new byte[] {10, 0, 0, 7}, 11211, 1),
        session("cache-8.example", new byte[] {10, 0, 0, 8}, 11212, 2),
        session("cache-9.example", new byte[] {10, 0, 0, 9}, 11211, 3));
  }

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      keys.add("names:" + i);
    }
    return keys;
  }

  @Test
  void ipNamesAServerByTheIpItWasGivenAsNotItsReverseName() throws Exception {
    ContinuumSessionLocator locator =
        ContinuumSessionLocator.builder(Algorithm.TWEMPROXY_MD5).serverNames(ServerNames.IP).build();
    List<Session> sessions = fleet();
    locator.updateSessions(sessions);

    List<Server> servers = locator.continuum().servers();
    assertThat(servers).extracting(Server::hostPort).containsExactly("10.0.0.7:11211", "10.0.0.8:11212", "10.0.0.9:11211");
    assertThat(servers).extracting(Server::address).containsExactly("10.0.0.7", "10.0.0.8", "10.0.0.9");
    assertThat(servers).extracting(Server::capacity).containsExactly(1, 2, 3);
    // what nutcracker configured with "10.0.0.7:11211:1", "10.0.0.8:11212:2", "10.0.0.9:11211:3" and hash md5 places
    Continuum asConfigured = Continuum.builder(Algorithm.TWEMPROXY_MD5).build();
    asConfigured.addServers(List.of(Server.of("10.0.0.7", 11211, 1), Server.of("10.0.0.8", 11212, 2),
        Server.of("10.0.0.9", 11211, 3)));
    asConfigured.generate();
    for (String k : keys()) {
      Session s = locator.getSessionByKey(k);
      assertThat(s.getRemoteSocketAddress().getPort()).as(k).isEqualTo(asConfigured.resolve(k).port());
      assertThat(((MemcachedSession) s).getInetSocketAddressWrapper().getResolvedSocketAddress().getAddress()
          .getHostAddress()).as(k).isEqualTo(asConfigured.resolve(k).host());
    }
  }

  @Test
  void xmemcachedNamesAreTheDefaultAndMatchXmemcachedsOwnLocator() throws Exception {
    ContinuumSessionLocator locator = new ContinuumSessionLocator();
    List<Session> sessions = fleet();
    locator.updateSessions(sessions);
    assertThat(locator.continuum().servers()).extracting(Server::hostPort)
        .containsExactly("cache-7.example:11211", "cache-8.example:11212", "cache-9.example:11211");
    assertThat(locator.continuum().servers()).extracting(Server::address).containsExactly("10.0.0.7", "10.0.0.8", "10.0.0.9");

    KetamaMemcachedSessionLocator theirs = new KetamaMemcachedSessionLocator();
    theirs.updateSessions(sessions);
    int[] perServer = new int[sessions.size()];
    for (String k : keys()) {
      Session ours = locator.getSessionByKey(k);
      assertThat(ours).as(k).isSameAs(theirs.getSessionByKey(k));
      perServer[sessions.indexOf(ours)]++;
    }
    assertThat(perServer).doesNotContain(0);
  }

  @Test
  void theTwoNamingsPlaceDifferentlyWhereAReverseNameDiffersFromTheIp() throws Exception {
    ContinuumSessionLocator byIp = ContinuumSessionLocator.builder(Algorithm.RENDEZVOUS).serverNames(ServerNames.IP).build();
    ContinuumSessionLocator byName = ContinuumSessionLocator.builder(Algorithm.RENDEZVOUS).build();
    List<Session> sessions = fleet();
    byIp.updateSessions(sessions);
    byName.updateSessions(sessions);
    int same = 0;
    for (String k : keys()) {
      if (byIp.getSessionByKey(k) == byName.getSessionByKey(k)) {
        same++;
      }
    }
    assertThat(same).isLessThan(KEYS * 3 / 4); // three servers: about a third agree by chance
  }

  @Test
  void theBuilderChecksAtOnce() {
    assertThatThrownBy(() -> ContinuumSessionLocator.builder(Algorithm.RING).serverNames(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("names");
    assertThatThrownBy(() -> ContinuumSessionLocator.builder((Algorithm) null)).isInstanceOf(NullPointerException.class);
  }
}
