package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Single-value semantics against the hand-worked examples of the language specification. */
class ElementOpsTest {
  private static Scalar op(BinaryOp op, Scalar a, Scalar b) {
    return ElementOps.apply(op, a, b);
  }

  @Test
  void integerArithmeticWrapsTruncatesAndTakesTheDividendsSign() {
    assertEquals(Scalar.si64(3), op(BinaryOp.DIV, Scalar.si64(7), Scalar.si64(2)));
    assertEquals(Scalar.si64(-3), op(BinaryOp.DIV, Scalar.si64(-7), Scalar.si64(2)));
    assertEquals(Scalar.si64(-1), op(BinaryOp.MOD, Scalar.si64(-7), Scalar.si64(3)));
    assertEquals(Scalar.si64(1), op(BinaryOp.MOD, Scalar.si64(7), Scalar.si64(-3)));
    assertEquals(Scalar.si64(0), op(BinaryOp.POW, Scalar.si64(2), Scalar.si64(-1)));
    assertEquals(
        Scalar.ofLong(ValueType.UI64, -1),
        op(BinaryOp.SUB, Scalar.ofLong(ValueType.UI64, 1), Scalar.si64(2)));
    assertEquals(
        Scalar.ofLong(ValueType.SI8, -128),
        op(BinaryOp.ADD, Scalar.ofLong(ValueType.SI8, 127), Scalar.ofLong(ValueType.SI8, 1)));
    assertThrows(KernelException.class, () -> op(BinaryOp.DIV, Scalar.si64(1), Scalar.si64(0)));
  }

  @Test
  void resultTypesFollowThePromotionRules() {
    assertEquals(ValueType.F64, op(BinaryOp.LT, Scalar.si64(3), Scalar.f64(4.5)).type());
    assertEquals(ValueType.UI64, op(BinaryOp.AND, Scalar.f64(1), Scalar.f64(2)).type());
    assertEquals(ValueType.SI64, op(BinaryOp.LT, Scalar.str("b"), Scalar.str("a")).type());
    assertEquals(ValueType.SI64, op(BinaryOp.SUB, Scalar.size(3), Scalar.si64(1)).type());
    assertEquals(ValueType.F64, op(BinaryOp.LOG, Scalar.si64(8), Scalar.si64(2)).type());
    assertEquals(Scalar.TRUE, op(BinaryOp.ADD, Scalar.TRUE, Scalar.TRUE));
  }

  @Test
  void minAndMaxAreAsymmetricInNan() {
    double nan = Double.NaN;
    assertEquals(nan, ElementOps.f64(BinaryOp.MIN, nan, 1.0));
    assertEquals(1.0, ElementOps.f64(BinaryOp.MIN, 1.0, nan));
  }

  @Test
  void stringsConcatenateWithSixDecimalFloats() {
    assertEquals(Scalar.str("x1.500000"), op(BinaryOp.ADD, Scalar.str("x"), Scalar.f64(1.5)));
    assertEquals(Scalar.str("b1"), op(BinaryOp.ADD, Scalar.str("b"), Scalar.TRUE));
    assertEquals(Scalar.si64(1), op(BinaryOp.GT, Scalar.str("e"), Scalar.str("abcd")));
  }

  @Test
  void roundingAndDomainErrors() {
    assertEquals(3.0, ElementOps.f64(UnaryOp.ROUND, 2.5));
    assertEquals(-3.0, ElementOps.f64(UnaryOp.ROUND, -2.5));
    assertEquals(0.0, ElementOps.f64(UnaryOp.ROUND, 0.49999999999999994));
    assertThrows(KernelException.class, () -> ElementOps.f64(UnaryOp.SQRT, -1.0));
    assertEquals(Double.NEGATIVE_INFINITY, ElementOps.f64(UnaryOp.LN, 0.0));
  }

  @Test
  void conversions() {
    assertEquals(44, Scalar.si64(300).convert(ValueType.SI8).bits());
    assertEquals(255, Scalar.si64(-1).convert(ValueType.UI8).bits());
    assertEquals(-3, Scalar.f64(-3.7).convert(ValueType.SI64).bits());
    assertEquals(Long.MIN_VALUE, Scalar.f64(Double.NaN).convert(ValueType.SI64).bits());
    assertEquals("1.100000", Scalar.f64(1.1).convert(ValueType.STR).stringValue());
    assertEquals(
        1.8446744073709552e19,
        Scalar.ofLong(ValueType.UI64, -1).convert(ValueType.F64).doubleValue());
  }
}
