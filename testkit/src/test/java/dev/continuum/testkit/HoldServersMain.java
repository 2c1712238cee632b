package dev.continuum.testkit;

/**
 * Run in a separate JVM by {@link WatchdogTest}: starts a memcached and a nutcracker, prints their
 * pids, then waits to be killed without ever closing them.
 */
public final class HoldServersMain {
  private HoldServersMain() {}

  public static void main(String[] args) throws InterruptedException {
    Memcached m = Memcached.start();
    Nutcracker n = Nutcracker.start(Nutcracker.Pool.ketama().server(m.port(), 1));
    System.out.println(m.pid() + " " + n.pid());
    System.out.flush();
    Thread.sleep(60_000);
  }
}
