package daphnegrid.kernels;

import static daphnegrid.kernels.TestData.assertBits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The k-means assignment kernel (issue 12): both twins against the unfused ops it stands for
 * ({@code E = D * s + c; P = E <= aggMin(E, 0); P = P / sum(P, 0)} through the facades) and against
 * a naive reference spelling the definition out, bit for bit, for k around the vector length. The
 * data hold exact ties (small integers), rows with a NaN cell, all-NaN rows (0 / 0), infinities,
 * -0.0 and +0.0 minima, and a NaN scale.
 */
class NearestAssignTest {
  static final MatMulKernels PLAIN = Kernels.plain().matmul();
  static final MatMulKernels SIMD = Kernels.simdOrNull().matmul();

  static IntStream ks() {
    return IntStream.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17);
  }

  private static double[] distances(long seed, int rows, int k) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] d = new double[rows * k];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextInt(5) - 2;
    }
    for (int row = 0; row < rows; row++) {
      int o = row * k;
      switch (row % 9) {
        case 1 -> d[o + r.nextInt(k)] = Double.NaN;
        case 2 -> java.util.Arrays.fill(d, o, o + k, Double.NaN);
        case 3 -> d[o + r.nextInt(k)] = Double.NEGATIVE_INFINITY;
        case 4 -> d[o + r.nextInt(k)] = Double.POSITIVE_INFINITY;
        case 5 -> java.util.Arrays.fill(d, o, o + k, Double.POSITIVE_INFINITY);
        case 6 -> {
          java.util.Arrays.fill(d, o, o + k, 1.0);
          d[o + r.nextInt(k)] = 0.0;
          d[o + r.nextInt(k)] = -0.0;
        }
        case 7 -> d[o + r.nextInt(k)] = r.nextDouble() * 1e-300;
        default -> {}
      }
    }
    return d;
  }

  private static double[] naive(double[] d, int rows, int k, double s, double[] c) {
    double[] p = new double[rows * k];
    for (int row = 0; row < rows; row++) {
      double[] e = new double[k];
      double min = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        e[j] = d[row * k + j] * s + c[j];
        if (e[j] < min) {
          min = e[j];
        }
      }
      double ties = 0;
      for (int j = 0; j < k; j++) {
        ties += e[j] <= min ? 1 : 0;
      }
      for (int j = 0; j < k; j++) {
        p[row * k + j] = (e[j] <= min ? 1.0 : 0.0) / ties;
      }
    }
    return p;
  }

  private static double[] unfused(double[] d, int rows, int k, double s, double[] c) {
    DenseMatrix e =
        Elementwise.binary(
            BinaryOp.ADD,
            Elementwise.binaryScalar(
                BinaryOp.MUL, DenseMatrix.wrap(ValueType.F64, rows, k, d), Scalar.f64(s)),
            DenseMatrix.wrap(ValueType.F64, 1, k, c));
    DenseMatrix ind = Elementwise.binary(BinaryOp.LE, e, Aggregation.rows(AggOp.MIN, e));
    return Elementwise.binary(BinaryOp.DIV, ind, Aggregation.rows(AggOp.SUM, ind)).f64();
  }

  @ParameterizedTest
  @MethodSource("ks")
  void bothTwinsGiveTheUnfusedCells(int k) {
    int rows = 41;
    double[] d = distances(k * 131L, rows, k);
    double[] c = new double[k + 2];
    SplittableRandom r = new SplittableRandom(k);
    for (int j = 0; j < c.length; j++) {
      c[j] = j % 3 == 0 ? -0.0 : r.nextInt(3);
    }
    double[] shift = java.util.Arrays.copyOfRange(c, 2, 2 + k);
    for (double s : new double[] {-2.0, 1.0, -0.0, Double.NaN}) {
      double[] want = unfused(d, rows, k, s, shift);
      assertBits(want, naive(d, rows, k, s, shift), "naive reference, k " + k + ", s " + s);
      for (MatMulKernels mm : new MatMulKernels[] {PLAIN, SIMD}) {
        double[] p = new double[rows * k + 5];
        p[0] = 99;
        mm.nearestAssign(d, 0, rows, k, s, c, 2, p, 5);
        assertEquals(99, p[0], "cells before the offset are kept");
        assertBits(want, 0, p, 5, rows * k, "k " + k + ", s " + s);
        // in place, from an offset
        double[] inPlace = new double[rows * k + 3];
        System.arraycopy(d, 0, inPlace, 3, rows * k);
        mm.nearestAssign(inPlace, 3, rows, k, s, c, 2, inPlace, 3);
        assertBits(want, 0, inPlace, 3, rows * k, "in place, k " + k + ", s " + s);
      }
    }
  }
}
