package dev.continuum.spymemcached;

import dev.continuum.testkit.Memcached;
import java.util.ArrayList;
import java.util.List;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a live test started: clients and processes, all stopped by {@link #close()} (clients first),
 * which runs after each test when the test registers this as a {@code @RegisterExtension} field.
 */
final class Started implements AutoCloseable, AfterEachCallback {
  private final List<AutoCloseable> started = new ArrayList<>();

  MemcachedClient client(MemcachedClient client) {
    started.add(0, client::shutdown);
    return client;
  }

  List<Memcached> memcached(int n) {
    List<Memcached> servers = Memcached.startMany(n);
    started.addAll(servers);
    return servers;
  }

  <T extends AutoCloseable> T process(T process) {
    started.add(process);
    return process;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    Memcached.closeAll(started);
    started.clear();
  }
}
