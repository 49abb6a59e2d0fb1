package daphnegrid.kernels.simd;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few reusable packing buffers. Touching fresh memory costs about 3 ms per MiB on the machines we
 * measured, more than a whole 512 x 512 product, so packed panels live in buffers that are borrowed
 * and given back instead of allocated per call. At most {@link #KEEP} buffers of each type are
 * kept, in a fixed row of slots: a borrow takes the first kept buffer large enough (one
 * compare-and-set) or allocates; a buffer given back goes to the first empty slot, or is dropped.
 *
 * <p>The slots replaced a concurrent deque, whose size() walks the whole deque and whose removal
 * walks it again: in the fused k-means step (100,000 x 20, 5 centroids, two threads), where the
 * unpacked narrow product borrows two buffers per tile of rows, the deque's walks took about 7% of
 * the samples.
 */
final class Scratch {
  private Scratch() {}

  static final int KEEP = 8;
  private static final AtomicReferenceArray<double[]> DOUBLES = new AtomicReferenceArray<>(KEEP);
  private static final AtomicReferenceArray<float[]> FLOATS = new AtomicReferenceArray<>(KEEP);

  static double[] doubles(int minLength) {
    for (int i = 0; i < KEEP; i++) {
      double[] d = DOUBLES.get(i);
      if (d != null && d.length >= minLength && DOUBLES.compareAndSet(i, d, null)) {
        return d;
      }
    }
    return new double[minLength];
  }

  static void giveBack(double[] d) {
    for (int i = 0; i < KEEP; i++) {
      if (DOUBLES.get(i) == null && DOUBLES.compareAndSet(i, null, d)) {
        return;
      }
    }
  }

  static float[] floats(int minLength) {
    for (int i = 0; i < KEEP; i++) {
      float[] f = FLOATS.get(i);
      if (f != null && f.length >= minLength && FLOATS.compareAndSet(i, f, null)) {
        return f;
      }
    }
    return new float[minLength];
  }

  static void giveBack(float[] f) {
    for (int i = 0; i < KEEP; i++) {
      if (FLOATS.get(i) == null && FLOATS.compareAndSet(i, null, f)) {
        return;
      }
    }
  }
}
