package daphnegrid.kernels;

import static daphnegrid.kernels.MatMulKernelsTest.chain;
import static daphnegrid.kernels.MatMulKernelsTest.transpose;
import static daphnegrid.kernels.TestData.assertBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * t(a) @ b skipping a's zero cells (issue 12, k-means' t(P) @ X): both twins against the defining
 * fma chain of the full product (the naive reference), bit for bit, on assignment matrices (one
 * non-zero per row, ties splitting the weight, rows without any), dense and all-zero left operands,
 * over shapes including 1 x 1, 1 x n, n x 1, k = 1 and sizes off the vector length; and the cases
 * where skipping could change bits (non-finite b, a chain ending as -0.0) are declined.
 */
class TMatMulSkipZerosTest {
  static final MatMulKernels PLAIN = Kernels.plain().matmul();
  static final MatMulKernels SIMD = Kernels.simdOrNull().matmul();

  static Stream<Arguments> shapes() {
    int[][] s = {
      {1, 1, 1},
      {1, 1, 9},
      {1, 8, 100},
      {9, 1, 1},
      {40, 8, 100},
      {40, 1, 100},
      {13, 3, 7},
      {17, 5, 15},
      {33, 8, 16},
      {31, 7, 17},
      {64, 32, 9},
      {7, 32, 8},
      {100, 2, 207},
      {207, 13, 33},
      {50, 8, 155},
      {20, 64, 9},
      {11, 40, 17},
      {9, 65, 10}
    };
    return Stream.of(s).map(x -> Arguments.of(x[0], x[1], x[2]));
  }

  /**
   * An m x k assignment matrix: per row one cell 1, or (every fifth row) a tie split over two or
   * three cells, or (every seventh row) no non-zero at all.
   */
  static double[] assignment(long seed, int m, int k) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[m * k];
    for (int i = 0; i < m; i++) {
      if (i % 7 == 6) {
        continue;
      }
      int ties = i % 5 == 4 ? Math.min(k, 2 + i % 2) : 1;
      int first = r.nextInt(k);
      for (int t = 0; t < ties; t++) {
        a[i * k + (first + t) % k] = 1.0 / ties;
      }
    }
    return a;
  }

  private static void check(double[] a, double[] b, int m, int k, int n, String what) {
    double[] ref = chain(transpose(a, m, k), b, k, m, n);
    for (MatMulKernels mm : new MatMulKernels[] {PLAIN, SIMD}) {
      double[] c = new double[k * n + 3];
      c[0] = 99;
      assertTrue(mm.tmatmulSkipZeros(a, 0, m, k, b, 0, n, c, 3), what);
      assertEquals(99, c[0], "cells before the offset are kept");
      double[] got = new double[k * n];
      System.arraycopy(c, 3, got, 0, k * n);
      assertBits(ref, got, what);
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void assignmentMatricesGiveTheFullChain(int m, int k, int n) {
    check(assignment(m * 31L + k, m, k), TestData.doubles(m + 7L * n, m * n), m, k, n, "assign");
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void denseAndZeroLeftOperandsGiveTheFullChain(int m, int k, int n) {
    double[] b = TestData.doubles(m + 3L * n, m * n);
    check(TestData.doubles(k + 5L * m, m * k), b, m, k, n, "dense");
    check(new double[m * k], b, m, k, n, "zero");
  }

  @Test
  void knownAnswer() {
    // rows 0 and 2 go to centroid 1, row 1 splits a tie, row 3 goes nowhere
    double[] a = {0, 1, 0.5, 0.5, 0, 1, 0, 0};
    double[] b = {1, 2, 3, 4, 5, 6, 7, 8};
    double[] want = {1.5, 2, 1 + 1.5 + 5, 2 + 2 + 6};
    for (MatMulKernels mm : new MatMulKernels[] {PLAIN, SIMD}) {
      double[] c = new double[4];
      assertTrue(mm.tmatmulSkipZeros(a, 0, 4, 2, b, 0, 2, c, 0));
      assertBits(want, c, "known");
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void nonFiniteRightOperandsAreDeclined(int m, int k, int n) {
    double[] a = assignment(m + k, m, k);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      for (int row : new int[] {0, m - 1, Math.min(m - 1, 6)}) {
        double[] b = TestData.doubles(m, m * n);
        b[row * n + (n - 1)] = bad;
        for (MatMulKernels mm : new MatMulKernels[] {PLAIN, SIMD}) {
          assertFalse(
              mm.tmatmulSkipZeros(a, 0, m, k, b, 0, n, new double[k * n], 0), "bad in row " + row);
        }
      }
    }
  }

  @Test
  void aChainEndingAsNegativeZeroIsDeclined() {
    // row 0: -1e-300 * 1e-300 underflows to -0.0; row 1's skipped +0.0 would make the full chain
    // +0.0, so only the full product may answer
    double[] a = {-1e-300, 0};
    double[] b = {1e-300, 1};
    assertEquals(0.0, chain(transpose(a, 2, 1), b, 1, 2, 1)[0]);
    for (MatMulKernels mm : new MatMulKernels[] {PLAIN, SIMD}) {
      assertFalse(mm.tmatmulSkipZeros(a, 0, 2, 1, b, 0, 1, new double[1], 0));
      double[] wide = new double[2 * 9];
      double[] bw = new double[2 * 9];
      java.util.Arrays.fill(bw, 1);
      bw[0] = 1e-300;
      double[] aw = {-1e-300, 0, 0, 0};
      assertFalse(mm.tmatmulSkipZeros(aw, 0, 2, 2, bw, 0, 9, wide, 0));
    }
  }
}
