package daphnegrid.kernels.simd;

/**
 * Reading ahead of a streaming loop. Java has no prefetch instruction, so a loop that streams an
 * array from memory also loads the cell {@link #BYTES} ahead of its position, once per step of two
 * cache lines, and XORs the cells' bits into a value it hands to {@link #keep} at its end, so that
 * the JIT keeps the loads. The hardware prefetchers then start on the next lines (and the next 4 KB
 * page) before the loop's own loads ask for them. The loop reads ahead while that cell lies inside
 * the array (a linear index, whose bounds check the JIT hoists) and runs its last steps without.
 *
 * <p>Used by the full sums ({@link F64VectorReduce}, {@link F32VectorReduce}). Measured with {@code
 * sum} over 20000 x 5000 f64 cells (800 MB) on an Intel Xeon with AVX-512, JDK 25: one thread 44-48
 * ms against 50 without reading ahead, two threads 23-24 ms against 26. One load per 128 bytes did
 * as well as one per cache line; 512 bytes to 2 KB ahead about the same, 4 KB ahead nothing. On
 * data that fits the last-level cache (10000 x 1000) no change. Row sums (rows of 5,000 cells) did
 * not gain (49-50 ms either way); the minima and maxima do not read ahead.
 */
final class ReadAhead {
  private ReadAhead() {}

  /** How far ahead of the loop's position the read-ahead load reads. */
  static final int BYTES = 1024;

  static final int F64_CELLS = BYTES / Double.BYTES;
  static final int F32_CELLS = BYTES / Float.BYTES;

  /** Written only if the read-ahead cells' bits XOR to this value, so that the loads stay. */
  private static final long SENTINEL = 0x7ff4_2a5e_11a5_c0deL;

  @SuppressWarnings("unused")
  private static long sink;

  /** Keeps the loads whose bits were XORed into touched. */
  static void keep(long touched) {
    if (touched == SENTINEL) {
      sink = touched;
    }
  }
}
