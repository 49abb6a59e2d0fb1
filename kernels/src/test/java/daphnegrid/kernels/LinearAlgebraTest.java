package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** solve (LU with partial pivoting) and the symmetric eigen decomposition. */
class LinearAlgebraTest {

  @Test
  void solveKnownSystemThatNeedsPivoting() {
    // first pivot is 0: without row exchanges this fails
    double[] a = {0, 2, 1, 1, 1, 1, 2, 1, 3};
    double[] b = {7, 6, 13};
    double[] x = new double[3];
    LinearSolve.solve(a, 0, 3, b, 0, x, 0);
    assertArrayEquals(new double[] {1, 2, 3}, x, 1e-12);
    assertArrayEquals(new double[] {0, 2, 1, 1, 1, 1, 2, 1, 3}, a, "a is not modified");
    float[] fx = new float[3];
    LinearSolve.solve(TestData.toFloats(a), 0, 3, TestData.toFloats(b), 0, fx, 0);
    assertArrayEquals(new float[] {1, 2, 3}, fx, 1e-5f);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 13, 64, 207})
  void solveHasSmallResiduals(int n) {
    double[] a = TestData.doubles(n, n * n);
    for (int i = 0; i < n; i++) {
      a[i * n + i] += 0.5; // random, not specially conditioned
    }
    double[] b = TestData.doubles(n + 1L, n);
    double[] x = new double[n];
    LinearSolve.solve(a, 0, n, b, 0, x, 0);
    for (int i = 0; i < n; i++) {
      double s = 0;
      double abs = Math.abs(b[i]);
      for (int k = 0; k < n; k++) {
        s += a[i * n + k] * x[k];
        abs += Math.abs(a[i * n + k] * x[k]);
      }
      assertEquals(b[i], s, 1e-11 * n * abs, "row " + i);
    }
  }

  @Test
  void singularMatricesAreErrors() {
    double[] a = {1, 2, 2, 4};
    KernelException e =
        assertThrows(
            KernelException.class,
            () -> LinearSolve.solve(a, 0, 2, new double[2], 0, new double[2], 0));
    assertTrue(e.getMessage().contains("singular"), e.getMessage());
    assertThrows(
        KernelException.class,
        () -> LinearSolve.solve(new float[4], 0, 2, new float[2], 0, new float[2], 0));
  }

  @Test
  void eigenOfAKnownMatrix() {
    double[] a = {2, 1, 1, 2};
    double[] vals = new double[2];
    double[] vecs = new double[4];
    SymmetricEigen.decompose(a, 0, 2, vals, 0, vecs, 0);
    assertArrayEquals(new double[] {1, 3}, vals, 1e-14);
    double h = Math.sqrt(0.5);
    // columns: (-h, h) for 1 normalised to a positive largest component (first on a tie), (h, h)
    assertEquals(h, Math.abs(vecs[0]), 1e-14);
    assertEquals(h, vecs[1], 1e-14);
    assertEquals(h, vecs[3], 1e-14);
    assertEquals(0.0, vecs[0] * vecs[1] + vecs[2] * vecs[3], 1e-14, "orthogonal");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 13, 40})
  void eigenReconstructsTheMatrix(int n) {
    double[] r = TestData.doubles(n * 3L, n * n);
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i * n + j] = r[i * n + j] + r[j * n + i];
      }
    }
    double[] vals = new double[n];
    double[] v = new double[n * n];
    SymmetricEigen.decompose(a, 0, n, vals, 0, v, 0);
    for (int i = 1; i < n; i++) {
      assertTrue(vals[i - 1] <= vals[i], "ascending");
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        double vv = 0;
        for (int k = 0; k < n; k++) {
          s += v[i * n + k] * vals[k] * v[j * n + k];
          vv += v[k * n + i] * v[k * n + j];
        }
        assertEquals(a[i * n + j], s, 1e-11 * n, "V D V^T");
        assertEquals(i == j ? 1 : 0, vv, 1e-12 * n, "V^T V");
      }
    }
    float[] fvals = new float[n];
    float[] fv = new float[n * n];
    SymmetricEigen.decompose(TestData.toFloats(a), 0, n, fvals, 0, fv, 0);
    for (int i = 0; i < n; i++) {
      assertEquals(vals[i], fvals[i], 1e-4 * (1 + Math.abs(vals[i])));
    }
  }

  @Test
  void eigenRejectsAsymmetricInput() {
    KernelException e =
        assertThrows(
            KernelException.class,
            () ->
                SymmetricEigen.decompose(
                    new double[] {1, 2, 3, 4}, 0, 2, new double[2], 0, new double[4], 0));
    assertEquals("eigen: Input matrix must be symmetric", e.getMessage());
  }
}
