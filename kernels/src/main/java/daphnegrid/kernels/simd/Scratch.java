package daphnegrid.kernels.simd;

import java.lang.ref.SoftReference;
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
 *
 * <p>Buffers the size of a product's output (the staged partial sums of {@link F64Gemm} and {@link
 * F32Gemm}) are kept apart, in {@link #KEEP_LARGE} slots that hold them softly: the next large
 * product reuses them, and the collector frees them when the heap runs short.
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

  static final int KEEP_LARGE = 4;

  private static final AtomicReferenceArray<SoftReference<double[]>> LARGE_DOUBLES =
      new AtomicReferenceArray<>(KEEP_LARGE);
  private static final AtomicReferenceArray<SoftReference<float[]>> LARGE_FLOATS =
      new AtomicReferenceArray<>(KEEP_LARGE);

  static double[] largeDoubles(int minLength) {
    for (int i = 0; i < KEEP_LARGE; i++) {
      SoftReference<double[]> r = LARGE_DOUBLES.get(i);
      double[] d = r == null ? null : r.get();
      if (d != null && d.length >= minLength && LARGE_DOUBLES.compareAndSet(i, r, null)) {
        return d;
      }
    }
    return new double[minLength];
  }

  static void giveBackLarge(double[] d) {
    for (int i = 0; i < KEEP_LARGE; i++) {
      SoftReference<double[]> r = LARGE_DOUBLES.get(i);
      if ((r == null || r.get() == null)
          && LARGE_DOUBLES.compareAndSet(i, r, new SoftReference<>(d))) {
        return;
      }
    }
  }

  static float[] largeFloats(int minLength) {
    for (int i = 0; i < KEEP_LARGE; i++) {
      SoftReference<float[]> r = LARGE_FLOATS.get(i);
      float[] f = r == null ? null : r.get();
      if (f != null && f.length >= minLength && LARGE_FLOATS.compareAndSet(i, r, null)) {
        return f;
      }
    }
    return new float[minLength];
  }

  static void giveBackLarge(float[] f) {
    for (int i = 0; i < KEEP_LARGE; i++) {
      SoftReference<float[]> r = LARGE_FLOATS.get(i);
      if ((r == null || r.get() == null)
          && LARGE_FLOATS.compareAndSet(i, r, new SoftReference<>(f))) {
        return;
      }
    }
  }
}
