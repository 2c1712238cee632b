package dev.continuum;

/**
 * Maglev hashing (Daniel E. Eisenbud et al., "Maglev: A Fast and Reliable Software Network Load
 * Balancer", NSDI 2016, section 3.4): a lookup table of prime size M; each server has a permutation of
 * the table's slots given by an {@code offset} in [0, M) and a {@code skip} in [1, M), and the servers
 * take turns claiming their next preferred free slot until the table is full. A key goes to the server
 * of slot {@code hash mod M}: one hash and one array read.
 *
 * <ul>
 *   <li>offset and skip come from the server's seeded identity hash ({@link ServerHashes}) mixed with
 *       two constants, so a server's permutation depends on its host and port only.
 *   <li>Turns are taken in {@link ServerHashes#canonicalOrder}, so the table depends on the set of
 *       servers, not the order they were added in.
 *   <li>Weights as proportional turns (the paper's weighted variant): every round each server earns
 *       its capacity in credit and claims one slot per {@code maxCapacity} of credit, so slot counts
 *       are proportional to capacity. Capacity 0 claims nothing.
 *   <li>Balance: slot counts differ by at most one between equal servers, so with M much larger than N
 *       the peak-to-mean load is close to 1 (plus the sampling noise of the keys).
 *   <li>Disruption is near-minimal, not minimal (the paper's own claim): after a change, the servers'
 *       turns shift and some slots change hands between servers that did not change. The property
 *       tests state the measured fraction.
 *   <li>Replicas: the distinct servers met walking the table forward from the key's slot.
 * </ul>
 *
 * <p>Memory: one int per slot, 4M bytes (262 KB at the default M = 65537). Building costs O(M log M)
 * expected slot probes plus O(M log N) to order the turns, whatever the weights.
 */
final class Maglev extends HashedPlacement {
  private static final long OFFSET_SALT = 0x6A09E667F3BCC909L;
  private static final long SKIP_SALT = 0xBB67AE8584CAA73BL;

  private final int[] table;
  private final int reachable;

  private Maglev(int[] table, int reachable, KeyHash64 keyHash) {
    super(keyHash);
    this.table = table;
    this.reachable = reachable;
  }

  /** The factory ({@link PlacementFactory.FromOptions}) of {@link Algorithm#MAGLEV}. */
  static PlacementFactory factory(Options options) {
    int m = options.tableSize;
    long seed = options.seed;
    KeyHash64 keyHash = options.keyHash64();
    return PlacementFactory.checked(servers -> Checks.maglevTable(m, servers.length),
        servers -> build(servers, m, seed, keyHash));
  }

  private static Maglev build(Server[] servers, int m, long seed, KeyHash64 keyHash) {
    Checks.maglevTable(m, servers.length);
    int[] table = new int[m];
    java.util.Arrays.fill(table, -1);
    long[] ids = ServerHashes.of(servers, seed);
    int[] order = ServerHashes.canonicalOrder(servers, ids);
    int n = servers.length;
    long[] position = new long[n];
    long[] skip = new long[n];
    long maxCapacity = 0;
    for (int i = 0; i < n; i++) {
      position[i] = Long.remainderUnsigned(XxHash64.mix(ids[i] ^ OFFSET_SALT), m);
      skip[i] = Long.remainderUnsigned(XxHash64.mix(ids[i] ^ SKIP_SALT), m - 1) + 1;
      maxCapacity = Math.max(maxCapacity, servers[i].capacity());
    }
    // The turns, round by round: each round every server in canonical order earns its capacity in
    // credit and claims a slot per maxCapacity of credit. Server i's k-th claim therefore falls in
    // round ceil(k * maxCapacity / capacity), and the claims of the whole build are ordered by (that
    // round, canonical position). A heap replays them in that order without visiting the rounds in
    // which a server claims nothing: O(M log N) work whatever the weights, where walking the rounds
    // costs O(M N) when one weight dominates (16,000 servers, one of capacity 2^31: M rounds of N).
    int[] rank = new int[n];
    for (int k = 0; k < n; k++) {
      rank[order[k]] = k;
    }
    long[] claims = new long[n];
    long[] round = new long[n];
    int[] heap = new int[n];
    int size = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (servers[i].capacity() > 0) {
        round[i] = ceilDiv(maxCapacity, servers[i].capacity());
        heap[size++] = i; // canonical order with rounds of 1 or more: sift each into place
        siftUp(heap, size - 1, round, rank);
      }
    }
    int filled = 0;
    boolean[] seen = new boolean[n];
    int reachable = 0;
    while (size > 0 && filled < m) {
      int i = heap[0];
      long c = position[i];
      while (table[(int) c] >= 0) {
        c += skip[i];
        if (c >= m) {
          c -= m;
        }
      }
      table[(int) c] = i;
      position[i] = c;
      filled++;
      if (!seen[i]) {
        seen[i] = true;
        reachable++;
      }
      claims[i]++;
      round[i] = ceilDiv((claims[i] + 1) * maxCapacity, servers[i].capacity());
      siftDown(heap, size, round, rank);
    }
    return new Maglev(table, reachable, keyHash);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** Heap order: the earlier round first, then the earlier canonical position. */
  private static boolean before(int a, int b, long[] round, int[] rank) {
    return round[a] < round[b] || (round[a] == round[b] && rank[a] < rank[b]);
  }

  private static void siftUp(int[] heap, int at, long[] round, int[] rank) {
    int x = heap[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (!before(x, heap[parent], round, rank)) {
        break;
      }
      heap[at] = heap[parent];
      at = parent;
    }
    heap[at] = x;
  }

  private static void siftDown(int[] heap, int size, long[] round, int[] rank) {
    int x = heap[0];
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(heap[child + 1], heap[child], round, rank)) {
        child++;
      }
      if (!before(heap[child], x, round, rank)) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = x;
  }

  private int slot(long h) {
    return (int) Long.remainderUnsigned(h, table.length);
  }

  @Override
  int index(long keyHash) {
    return reachable == 0 ? -1 : table[slot(keyHash)];
  }

  @Override
  void indexes(long keyHash, int[] out, int n) {
    PointRing.distinct(table, slot(keyHash), out, n);
  }

  @Override
  long memoryBytes() {
    return 16 + 4L * table.length;
  }

  @Override
  int reachable() {
    return reachable;
  }

  /** The permutation turns follow the list order. */
  @Override
  void describe(Server[] servers, Fingerprint f) {
    f.servers(servers, Fingerprint.Reading.LIST);
  }
}
