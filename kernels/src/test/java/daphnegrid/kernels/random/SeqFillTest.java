package daphnegrid.kernels.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.format.NumberFormat;
import org.junit.jupiter.api.Test;

/** seq (spec 9.4, corpus generators/seq_*) and fill (spec 9.6, corpus generators/fill_forms). */
class SeqFillTest {
  private static final Scalar ONE = Scalar.ofLong(ValueType.SI8, 1); // the DSL's default inc

  private static String seq(Scalar from, Scalar to, Scalar inc) {
    DenseMatrix m = Generators.seq(from, to, inc);
    assertEquals(1, m.cols());
    StringBuilder sb = new StringBuilder(m.type().cppName());
    for (int i = 0; i < m.rows(); i++) {
      sb.append(' ').append(NumberFormat.scalar(m.get(i)));
    }
    return sb.toString();
  }

  private static Scalar i(long v) {
    return Scalar.si64(v);
  }

  private static Scalar d(double v) {
    return Scalar.f64(v);
  }

  @Test
  void specExamples() {
    assertEquals("int64_t 2 5 8", seq(i(2), i(8), i(3)));
    assertEquals("int64_t 1 5 9", seq(i(1), i(10), i(4)));
    assertEquals("double 2 3.5 5 6.5 8", seq(i(2), i(8), d(1.5)));
    assertEquals("double 2.1 5.1 8.1", seq(d(2.1), d(8.1), i(3)));
    assertEquals("double 0 0.3 0.6 0.9", seq(i(0), i(1), d(0.3)));
    assertEquals("int64_t", seq(i(5), i(1), ONE));
    assertEquals("int64_t 5 3 1", seq(i(5), i(1), i(-2)));
    assertEquals("int64_t -4 -2 0 2 4", seq(i(-4), i(4), i(2)));
    assertEquals("double 1.1 2.1 3.1 4.1 5.1", seq(d(1.1), d(5.1), ONE));
    DenseMatrix tenths = Generators.seq(i(0), i(1), d(0.1));
    assertEquals(11, tenths.rows());
    assertEquals("1", NumberFormat.general6(tenths.f64()[10]));
  }

  @Test
  void corpusSeqInt() {
    assertEquals("int64_t 0 2 4 6 8 10", seq(i(0), i(10), i(2)));
    assertEquals("int64_t 10 7 4 1", seq(i(10), i(0), i(-3)));
    assertEquals("int64_t -2 -1 0 1 2", seq(i(-2), i(2), ONE));
    assertEquals("int64_t 5", seq(i(5), i(5), ONE));
  }

  @Test
  void corpusSeqFloatAndEmpty() {
    assertEquals("double 0 0.25 0.5 0.75 1", seq(d(0), d(1), d(0.25)));
    assertEquals("double 1 0.5 0", seq(d(1), d(0), d(-0.5)));
    assertEquals("double 0.5 1.5 2.5", seq(d(0.5), d(2.5), ONE));
    assertEquals("double 0 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1", seq(d(0.0), d(1.0), d(0.1)));
    assertEquals("int64_t", seq(i(1), i(5), i(-1)));
    DenseMatrix empty = Generators.seq(d(3.0), d(1.0), ONE);
    assertEquals(0, empty.rows());
    assertEquals("DenseMatrix(0x1, double)", empty.header());
  }

  @Test
  void overshootBeyondToleranceDropsTheLastElement() {
    // 0.1 * 3 accumulates to 0.30000000000000004, within 1e-13 of 0.3: kept
    assertEquals("double 0 0.1 0.2 0.3", seq(d(0), d(0.3), d(0.1)));
    // ceil(1 / 0.3) + 1 = 5 values; the fifth, 1.2, overshoots 1 and is dropped
    assertEquals(4, Generators.seq(d(0), d(1), d(0.3)).rows());
  }

  @Test
  void otherValueTypes() {
    Scalar f1 = Scalar.ofDouble(ValueType.F32, 0.5f);
    assertEquals(
        "float 0 0.5 1 1.5 2",
        seq(Scalar.ofDouble(ValueType.F32, 0), Scalar.ofDouble(ValueType.F32, 2), f1));
    assertEquals(
        "uint8_t 250 252 254",
        seq(
            Scalar.ofLong(ValueType.UI8, 250),
            Scalar.ofLong(ValueType.UI8, 255),
            Scalar.ofLong(ValueType.UI8, 2)));
    assertEquals(
        "int8_t 3 1 -1 -3",
        seq(
            Scalar.ofLong(ValueType.SI8, 3),
            Scalar.ofLong(ValueType.SI8, -3),
            Scalar.ofLong(ValueType.SI8, -2)));
    assertEquals(
        "uint64_t 18446744073709551613 18446744073709551614 18446744073709551615",
        seq(Scalar.ofLong(ValueType.UI64, -3), Scalar.ofLong(ValueType.UI64, -1), ONE));
  }

  @Test
  void errors() {
    KernelException zero =
        assertThrows(KernelException.class, () -> Generators.seq(i(1), i(5), i(0)));
    assertTrue(zero.getMessage().contains("inc should not be zero"));
    assertThrows(KernelException.class, () -> Generators.seq(d(1), d(5), d(0.0)));
    KernelException nan =
        assertThrows(KernelException.class, () -> Generators.seq(d(1), d(5), d(Double.NaN)));
    assertTrue(nan.getMessage().contains("NaN"));
    assertThrows(KernelException.class, () -> Generators.seq(d(Double.NaN), d(5), ONE));
    assertThrows(
        KernelException.class, () -> Generators.seq(d(0), d(Double.POSITIVE_INFINITY), ONE));
    assertThrows(KernelException.class, () -> Generators.seq(Scalar.str("a"), i(5), ONE));
  }

  @Test
  void fillEveryType() {
    assertArrayEquals(new double[] {3.25, 3.25, 3.25, 3.25}, Generators.fill(d(3.25), 2, 2).f64());
    DenseMatrix ints = Generators.fill(i(-4), 1, 3);
    assertEquals("DenseMatrix(1x3, int64_t)", ints.header());
    assertArrayEquals(new long[] {-4, -4, -4}, ints.i64());
    assertEquals(150.0, sumOf(Generators.fill(d(1.5), 10, 10).f64()));
    assertArrayEquals(new String[] {"ab", "ab"}, Generators.fill(Scalar.str("ab"), 2, 1).str());
    assertArrayEquals(new byte[] {1, 1, 1}, Generators.fill(Scalar.TRUE, 3, 1).i8());
    assertArrayEquals(
        new byte[] {-1, -1}, Generators.fill(Scalar.ofLong(ValueType.UI8, 255), 1, 2).i8());
    assertArrayEquals(
        new int[] {7, 7}, Generators.fill(Scalar.ofLong(ValueType.SI32, 7), 2, 1).i32());
    assertArrayEquals(
        new float[] {0.5f}, Generators.fill(Scalar.ofDouble(ValueType.F32, 0.5), 1, 1).f32());
    assertEquals("DenseMatrix(0x3, double)", Generators.fill(d(1), 0, 3).header());
    assertEquals("DenseMatrix(4x0, double)", Generators.fill(d(1), 4, 0).header());
    assertThrows(KernelException.class, () -> Generators.fill(d(1), -1, 3));
  }

  private static double sumOf(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }
}
