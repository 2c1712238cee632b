package dev.continuum;

/**
 * The {@code n} best of {@code count} candidates, best first, in one pass and O(count log n), without
 * allocating: the replica ranking of the rendezvous placements ({@link Rendezvous},
 * {@link PymemcacheRendezvous}), written once.
 *
 * <p>Candidate {@code i} ranks by {@code (keys[i], ties[i])}, larger first, both compared as signed
 * longs. A placement encodes its own order into these two numbers, once per candidate per lookup; the
 * selection then never calls back into it. The scratch arrays are per thread (they grow to the
 * largest fleet a thread has ranked), so one instance is never shared between threads.
 */
final class TopRanked {
  private static final ThreadLocal<TopRanked> PER_THREAD = ThreadLocal.withInitial(TopRanked::new);

  /** The first ranking number of each candidate, larger wins. */
  long[] keys = new long[16];
  /**
   * The second, read only when two keys are equal: a caller whose keys are all distinct need not
   * fill it.
   */
  long[] ties = new long[16];

  private TopRanked() {}

  /** This thread's scratch, with room for {@code count} candidates. */
  static TopRanked forThread(int count) {
    TopRanked t = PER_THREAD.get();
    if (t.keys.length < count) {
      int size = Math.max(count, t.keys.length * 2);
      t.keys = new long[size];
      t.ties = new long[size];
    }
    return t;
  }

  /**
   * Writes to {@code out[0, n)} the indexes of the {@code n} best of candidates {@code 0..count-1},
   * best first. The kept candidates are a min-heap in {@code out} itself (root: the worst kept), then
   * sorted in place by taking the root to the back, as heapsort does.
   */
  void select(int count, int[] out, int n) {
    int size = 0;
    for (int i = 0; i < count; i++) {
      if (size < n) {
        int at = size++;
        while (at > 0 && below(i, out[(at - 1) >>> 1])) {
          out[at] = out[(at - 1) >>> 1];
          at = (at - 1) >>> 1;
        }
        out[at] = i;
      } else if (below(out[0], i)) {
        siftDown(out, size, i);
      }
    }
    for (int k = size - 1; k > 0; k--) {
      int worst = out[0];
      siftDown(out, k, out[k]);
      out[k] = worst;
    }
  }

  /** Puts candidate {@code i} at the root of the heap {@code heap[0, size)} and sifts it down. */
  private void siftDown(int[] heap, int size, int i) {
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && below(heap[child + 1], heap[child])) {
        child++;
      }
      if (!below(heap[child], i)) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = i;
  }

  /** True when candidate {@code a} ranks below candidate {@code b}. */
  private boolean below(int a, int b) {
    return keys[a] < keys[b] || (keys[a] == keys[b] && ties[a] < ties[b]);
  }
}
