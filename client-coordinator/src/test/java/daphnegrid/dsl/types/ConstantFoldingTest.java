package daphnegrid.dsl.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import org.junit.jupiter.api.Test;

class ConstantFoldingTest {
  private static final Span AT = new Span("t.daph", 2, 9);

  private static StaticType c(Scalar s) {
    return StaticType.constant(s);
  }

  @Test
  void constantsFoldWithTheInterpretersTypes() {
    assertEquals(
        c(Scalar.si64(3)),
        ConstantFolding.binary(AT, BinaryOp.DIV, c(Scalar.si64(7)), c(Scalar.si64(2))));
    assertEquals(c(Scalar.f64(-2.5)), ConstantFolding.negate(AT, c(Scalar.f64(2.5))));
    assertEquals(
        c(Scalar.si64(42)), ConstantFolding.convert(AT, c(Scalar.str("42")), ValueType.SI64));
  }

  @Test
  void anythingNotConstantIsNotFolded() {
    StaticType x = StaticType.scalar(ValueType.SI64);
    assertNull(ConstantFolding.negate(AT, x));
    assertNull(ConstantFolding.binary(AT, BinaryOp.ADD, x, c(Scalar.si64(1))));
    assertNull(ConstantFolding.convert(AT, x, ValueType.F64));
    assertNull(ConstantFolding.choose(c(Scalar.TRUE), x, c(Scalar.si64(1))));
  }

  @Test
  void aConstantConditionPicksItsAlternative() {
    StaticType a = c(Scalar.si64(1));
    StaticType b = c(Scalar.si64(2));
    assertSame(a, ConstantFolding.choose(c(Scalar.TRUE), a, b));
    assertSame(b, ConstantFolding.choose(c(Scalar.FALSE), a, b));
  }

  @Test
  void aConstantConditionHoldsAsItWouldAtRunTime() {
    assertEquals(Boolean.TRUE, ConstantFolding.condition(c(Scalar.si64(-2))));
    assertEquals(Boolean.FALSE, ConstantFolding.condition(c(Scalar.f64(0.0))));
    assertEquals(Boolean.TRUE, ConstantFolding.condition(c(Scalar.f64(Double.NaN))));
    assertEquals(Boolean.FALSE, ConstantFolding.condition(c(Scalar.FALSE)));
    assertNull(ConstantFolding.condition(StaticType.scalar(ValueType.BOOL)));
    assertNull(ConstantFolding.condition(StaticType.matrix(ValueType.SI64)));
  }

  @Test
  void aFoldThatFailsIsACompileErrorAtTheOperation() {
    ScriptException e =
        assertThrows(
            ScriptException.Compile.class,
            () -> ConstantFolding.binary(AT, BinaryOp.DIV, c(Scalar.si64(1)), c(Scalar.si64(0))));
    assertEquals("t.daph:2:9: error: division by zero in integer '/'", e.getMessage());
    e =
        assertThrows(
            ScriptException.Compile.class,
            () -> ConstantFolding.convert(AT, c(Scalar.str("abc")), ValueType.SI64));
    assertEquals("t.daph:2:9: error: cannot convert string 'abc' to si64", e.getMessage());
  }
}
