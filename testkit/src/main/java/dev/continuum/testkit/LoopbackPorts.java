package dev.continuum.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on 127.0.0.1 and waiting for a port to listen. Everything here uses the IPv4
 * loopback address only.
 */
public final class LoopbackPorts {
  /** The only address the testkit binds to or connects to. */
  public static final String HOST = "127.0.0.1";

  private LoopbackPorts() {}

  /** The loopback address, as an {@link InetAddress}. */
  public static InetAddress address() {
    try {
      return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One port that was free on 127.0.0.1 a moment ago. */
  public static int free() {
    return free(1)[0];
  }

  /**
   * {@code n} distinct ports that were free on 127.0.0.1 a moment ago. The kernel chooses them (all
   * sockets are held open until the last is chosen, so they differ). Another process may still take
   * one before it is used; {@link Memcached} and {@link Nutcracker} retry on fresh ports then.
   */
  public static int[] free(int n) {
    if (n < 1 || n > 1000) {
      throw new IllegalArgumentException("between 1 and 1000 ports, not " + n);
    }
    List<ServerSocket> held = new ArrayList<>(n);
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket();
        held.add(s);
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(address(), 0), 1);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports on " + HOST, e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // Closing a listening socket that accepted nothing cannot lose anything.
        }
      }
    }
  }

  /** True when something accepts TCP connections on 127.0.0.1:{@code port} right now. */
  public static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
