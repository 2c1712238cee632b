package dev.continuum.spymemcached;

import dev.continuum.Algorithm;
import dev.continuum.Continuum;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.FailureMode;
import net.spy.memcached.HashAlgorithm;
import net.spy.memcached.MemcachedConnection;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;
import net.spy.memcached.OperationFactory;
import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.metrics.MetricCollector;
import net.spy.memcached.metrics.MetricType;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.transcoders.Transcoder;

/**
 * A spymemcached {@link ConnectionFactory} that takes every setting from another factory (usually one
 * from {@link ConnectionFactoryBuilder}) but places keys with a {@link ContinuumNodeLocator}.
 *
 * <pre>{@code
 * ConnectionFactory cf = ContinuumConnectionFactory.wrap(
 *     new ConnectionFactoryBuilder().setOpTimeout(500).build(), Algorithm.TWEMPROXY_MD5);
 * MemcachedClient client = new MemcachedClient(cf, AddrUtil.getAddresses("10.0.0.1:11211 10.0.0.2:11211"));
 * }</pre>
 *
 * <p>{@code ConnectionFactoryBuilder.setLocatorType} and {@code setHashAlg} are ignored: the algorithm
 * chooses both the ring and the key hash.
 *
 * <p>Immutable and thread-safe, as spymemcached expects of a factory: each connection asks it for a new
 * locator.
 */
public final class ContinuumConnectionFactory implements ConnectionFactory {
  private final ConnectionFactory base;
  /** An empty continuum of the caller's algorithm and options, built once; the builder is not kept. */
  private final Continuum empty;
  private final Map<String, Integer> weights;

  private ContinuumConnectionFactory(ConnectionFactory base, Continuum.Builder config, Map<String, Integer> weights) {
    this.base = Objects.requireNonNull(base, "base");
    this.empty = Objects.requireNonNull(config, "config").build();
    this.weights = Map.copyOf(Objects.requireNonNull(weights, "weights"));
    ContinuumNodeLocator.checkWeights(empty.algorithm(), this.weights); // fail at configuration, not at connect
  }

  /**
   * {@code base} with keys placed by {@code algorithm} (default options, capacity 1 everywhere).
   *
   * @param base the factory every other setting comes from
   * @param algorithm the algorithm or dialect placing keys; {@link Algorithm#SPYMEMCACHED} places them
   *     as spymemcached's own ketama locator does
   * @return the wrapping factory
   * @throws NullPointerException if {@code base} or {@code algorithm} is null
   */
  public static ConnectionFactory wrap(ConnectionFactory base, Algorithm algorithm) {
    return new ContinuumConnectionFactory(base, Continuum.builder(Objects.requireNonNull(algorithm, "algorithm")), Map.of());
  }

  /**
   * {@code base} with keys placed by the algorithm and options of {@code config}, nodes weighted by
   * {@code weights} (capacity by {@code host:port}, default 1). The builder is read here, once, and
   * neither kept nor changed.
   *
   * @param base the factory every other setting comes from
   * @param config the algorithm and its options, such as {@code Continuum.builder(Algorithm.RING).seed(7)}
   * @param weights capacity by {@code host:port} (the host as given to spymemcached); nodes not listed
   *     get 1
   * @return the wrapping factory
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if weights are given for an algorithm without weights, or the
   *     builder's options are refused
   */
  public static ConnectionFactory wrap(ConnectionFactory base, Continuum.Builder config, Map<String, Integer> weights) {
    return new ContinuumConnectionFactory(base, config, weights);
  }

  @Override
  public NodeLocator createLocator(List<MemcachedNode> nodes) {
    return new ContinuumNodeLocator(nodes, empty, weights);
  }

  /** As spymemcached's default, but with this factory so that the connection asks it for the locator. */
  @Override
  public MemcachedConnection createConnection(List<InetSocketAddress> addrs) throws IOException {
    return new MemcachedConnection(getReadBufSize(), this, addrs, getInitialObservers(), getFailureMode(),
        getOperationFactory());
  }

  @Override
  public MemcachedNode createMemcachedNode(SocketAddress sa, SocketChannel c, int bufSize) {
    return base.createMemcachedNode(sa, c, bufSize);
  }

  @Override
  public BlockingQueue<Operation> createOperationQueue() {
    return base.createOperationQueue();
  }

  @Override
  public BlockingQueue<Operation> createReadOperationQueue() {
    return base.createReadOperationQueue();
  }

  @Override
  public BlockingQueue<Operation> createWriteOperationQueue() {
    return base.createWriteOperationQueue();
  }

  @Override
  public long getOpQueueMaxBlockTime() {
    return base.getOpQueueMaxBlockTime();
  }

  @Override
  public ExecutorService getListenerExecutorService() {
    return base.getListenerExecutorService();
  }

  @Override
  public boolean isDefaultExecutorService() {
    return base.isDefaultExecutorService();
  }

  @Override
  public OperationFactory getOperationFactory() {
    return base.getOperationFactory();
  }

  @Override
  public long getOperationTimeout() {
    return base.getOperationTimeout();
  }

  @Override
  public boolean isDaemon() {
    return base.isDaemon();
  }

  @Override
  public boolean useNagleAlgorithm() {
    return base.useNagleAlgorithm();
  }

  @Override
  public Collection<ConnectionObserver> getInitialObservers() {
    return base.getInitialObservers();
  }

  @Override
  public FailureMode getFailureMode() {
    return base.getFailureMode();
  }

  @Override
  public Transcoder<Object> getDefaultTranscoder() {
    return base.getDefaultTranscoder();
  }

  @Override
  public boolean shouldOptimize() {
    return base.shouldOptimize();
  }

  @Override
  public int getReadBufSize() {
    return base.getReadBufSize();
  }

  @Override
  public HashAlgorithm getHashAlg() {
    return base.getHashAlg();
  }

  @Override
  public long getMaxReconnectDelay() {
    return base.getMaxReconnectDelay();
  }

  @Override
  public AuthDescriptor getAuthDescriptor() {
    return base.getAuthDescriptor();
  }

  @Override
  public int getTimeoutExceptionThreshold() {
    return base.getTimeoutExceptionThreshold();
  }

  @Override
  public MetricType enableMetrics() {
    return base.enableMetrics();
  }

  @Override
  public MetricCollector getMetricCollector() {
    return base.getMetricCollector();
  }

  @Override
  public long getAuthWaitTime() {
    return base.getAuthWaitTime();
  }
}
