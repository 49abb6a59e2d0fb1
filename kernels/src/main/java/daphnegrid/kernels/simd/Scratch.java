package daphnegrid.kernels.simd;

import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A few reusable packing buffers. Touching fresh memory costs about 3 ms per MiB on the machines we
 * measured, more than a whole 512 x 512 product, so packed panels live in buffers that are borrowed
 * and given back instead of allocated per call. At most {@link #KEEP} buffers of each type are
 * kept; a borrow that finds none large enough allocates.
 */
final class Scratch {
  private Scratch() {}

  static final int KEEP = 8;
  private static final ConcurrentLinkedDeque<double[]> DOUBLES = new ConcurrentLinkedDeque<>();
  private static final ConcurrentLinkedDeque<float[]> FLOATS = new ConcurrentLinkedDeque<>();

  static double[] doubles(int minLength) {
    for (double[] d : DOUBLES) {
      if (d.length >= minLength && DOUBLES.removeFirstOccurrence(d)) {
        return d;
      }
    }
    return new double[minLength];
  }

  static void giveBack(double[] d) {
    if (DOUBLES.size() < KEEP) {
      DOUBLES.addFirst(d);
    }
  }

  static float[] floats(int minLength) {
    for (float[] d : FLOATS) {
      if (d.length >= minLength && FLOATS.removeFirstOccurrence(d)) {
        return d;
      }
    }
    return new float[minLength];
  }

  static void giveBack(float[] d) {
    if (FLOATS.size() < KEEP) {
      FLOATS.addFirst(d);
    }
  }
}
