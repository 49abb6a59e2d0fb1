package daphnegrid.kernels;

import static daphnegrid.kernels.TestData.assertBits;

import org.junit.jupiter.api.Test;

/**
 * The other tests mostly run the kernels before the JIT compiles them, when the Vector API runs its
 * Java fallback. These call the vector kernels often enough for C2 to compile them to vector
 * instructions, then compare with the plain twins again: the intrinsic code must give the same bits
 * as the fallback.
 */
class CompiledPathTest {
  static final KernelImpl PLAIN = Kernels.plain();
  static final KernelImpl SIMD = Kernels.simdOrNull();
  static final int N = 1031;
  static final int ROUNDS = 3000;

  @Test
  void elementwiseAfterCompilation() {
    double[] a = TestData.specials(1, N);
    double[] b = TestData.specials(2, N);
    double[] p = new double[N];
    double[] v = new double[N];
    for (BinaryOp op : BinaryOp.values()) {
      int rounds = op == BinaryOp.POW || op == BinaryOp.LOG ? 50 : ROUNDS;
      for (int r = 0; r < rounds; r++) {
        SIMD.elementwise().binary(op, a, 0, b, 0, v, 0, N);
      }
      PLAIN.elementwise().binary(op, a, 0, b, 0, p, 0, N);
      assertBits(p, v, "compiled " + op);
      for (int r = 0; r < rounds; r++) {
        SIMD.elementwise().binaryScalar(op, a, 0, -0.0, v, 0, N);
      }
      PLAIN.elementwise().binaryScalar(op, a, 0, -0.0, p, 0, N);
      assertBits(p, v, "compiled scalar " + op);
    }
    for (UnaryOp op : new UnaryOp[] {UnaryOp.MINUS, UnaryOp.ABS, UnaryOp.SIGN, UnaryOp.ISNAN}) {
      for (int r = 0; r < ROUNDS; r++) {
        SIMD.elementwise().unary(op, a, 0, v, 0, N);
      }
      PLAIN.elementwise().unary(op, a, 0, p, 0, N);
      assertBits(p, v, "compiled " + op);
    }
    float[] fa = TestData.toFloats(a);
    float[] fb = TestData.toFloats(b);
    float[] fp = new float[N];
    float[] fv = new float[N];
    for (BinaryOp op : new BinaryOp[] {BinaryOp.MIN, BinaryOp.MAX, BinaryOp.NE, BinaryOp.DIV}) {
      for (int r = 0; r < ROUNDS; r++) {
        SIMD.elementwise().binary(op, fa, 0, fb, 0, fv, 0, N);
      }
      PLAIN.elementwise().binary(op, fa, 0, fb, 0, fp, 0, N);
      assertBits(fp, fv, "compiled f32 " + op);
    }
  }

  @Test
  void reductionsAfterCompilation() {
    double[] a = TestData.specials(3, N * 16);
    double[] v = new double[16];
    double[] p = new double[16];
    for (AggOp op : new AggOp[] {AggOp.SUM, AggOp.MIN, AggOp.MAX}) {
      for (int r = 0; r < ROUNDS / 3; r++) {
        SIMD.reductions().rowAggregate(op, a, 0, 16, N, v, 0);
      }
      PLAIN.reductions().rowAggregate(op, a, 0, 16, N, p, 0);
      assertBits(p, v, "compiled rows " + op);
      double[] cv = new double[N];
      double[] cp = new double[N];
      for (int r = 0; r < ROUNDS / 3; r++) {
        SIMD.reductions().columnAggregate(op, a, 0, 16, N, cv, 0, false);
      }
      PLAIN.reductions().columnAggregate(op, a, 0, 16, N, cp, 0, false);
      assertBits(cp, cv, "compiled columns " + op);
    }
    // rows of signed zeros and small integers: zero extremes and sums from -0 once compiled
    double[] z = TestData.signedZeros(4, N * 16, 3);
    for (int i = 0; i < z.length; i++) {
      z[i] = Double.isNaN(z[i]) || z[i] < 0 ? -0.0 : z[i];
    }
    java.util.Arrays.fill(z, 0, N, -0.0);
    for (AggOp op : new AggOp[] {AggOp.SUM, AggOp.MIN, AggOp.MAX}) {
      for (int r = 0; r < ROUNDS / 3; r++) {
        SIMD.reductions().rowAggregate(op, z, 0, 16, N, v, 0);
      }
      PLAIN.reductions().rowAggregate(op, z, 0, 16, N, p, 0);
      assertBits(p, v, "compiled rows of zeros " + op);
    }
  }

  /**
   * One product per GEMM path, f64 and f32. On AVX2 and AVX-512 these take, in order, the gemv
   * path, the narrow one (eight-row tiles and the row tail), the direct one (four-row tiles of two
   * and of one vector, and the row tail) and the packed one; simd.GemmPathsTest pins the paths per
   * vector length.
   */
  @Test
  void productsOnEveryPathAfterCompilation() {
    int[][] shapes = {{37, 23, 1}, {37, 23, 2}, {37, 4, 33}, {96, 96, 96}};
    for (int[] s : shapes) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      int rounds = (long) m * k * n > 100_000 ? 300 : ROUNDS;
      double[] x = TestData.doubles(4, m * k);
      double[] y = TestData.doubles(5, k * n);
      double[] cv = new double[m * n];
      double[] cp = new double[m * n];
      float[] fx = TestData.toFloats(x);
      float[] fy = TestData.toFloats(y);
      float[] fv = new float[m * n];
      float[] fp = new float[m * n];
      for (int r = 0; r < rounds; r++) {
        SIMD.matmul().gemm(x, 0, y, 0, cv, 0, m, k, n, null);
        SIMD.matmul().gemm(fx, 0, fy, 0, fv, 0, m, k, n, null);
      }
      PLAIN.matmul().gemm(x, 0, y, 0, cp, 0, m, k, n, null);
      PLAIN.matmul().gemm(fx, 0, fy, 0, fp, 0, m, k, n, null);
      String shape = m + " x " + k + " x " + n;
      assertBits(cp, cv, "compiled gemm " + shape);
      assertBits(fp, fv, "compiled f32 gemm " + shape);
    }
  }
}
