package daphnegrid.dsl.types;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OperandRulesTest {
  /** What a refusal turns into here: the message is all the rules decide. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private static String refusal(Executable rule) {
    return assertThrows(Refused.class, rule).getMessage();
  }

  // ---- strings ----------------------------------------------------------------------------

  static Stream<BinaryOp> stringOps() {
    return Arrays.stream(BinaryOp.values()).filter(op -> op == BinaryOp.ADD || op.isComparison());
  }

  static Stream<BinaryOp> nonStringOps() {
    return Arrays.stream(BinaryOp.values()).filter(op -> op != BinaryOp.ADD && !op.isComparison());
  }

  @ParameterizedTest
  @MethodSource("stringOps")
  void concatenationAndComparisonsAreDefinedOnStrings(BinaryOp op) {
    assertDoesNotThrow(
        () -> OperandRules.onStrings(op, ValueType.STR, ValueType.STR, Refused::new));
    assertDoesNotThrow(
        () -> OperandRules.onStrings(op, ValueType.SI64, ValueType.STR, Refused::new));
  }

  @ParameterizedTest
  @MethodSource("nonStringOps")
  void otherOperationsAreNotDefinedOnStringsOnEitherSide(BinaryOp op) {
    String want = "operation '" + op.symbol() + "' is not supported on strings";
    assertEquals(
        want,
        refusal(() -> OperandRules.onStrings(op, ValueType.STR, ValueType.F64, Refused::new)));
    assertEquals(
        want,
        refusal(() -> OperandRules.onStrings(op, ValueType.F64, ValueType.STR, Refused::new)));
    assertEquals(
        want, refusal(() -> OperandRules.onStrings(op, null, ValueType.STR, Refused::new)));
  }

  @ParameterizedTest
  @EnumSource(BinaryOp.class)
  void numbersAndUnknownTypesPassTheStringRule(BinaryOp op) {
    assertDoesNotThrow(
        () -> OperandRules.onStrings(op, ValueType.SI64, ValueType.F64, Refused::new));
    assertDoesNotThrow(() -> OperandRules.onStrings(op, null, null, Refused::new));
  }

  // ---- a scalar on the left of a matrix ---------------------------------------------------

  @Test
  void plusAndTimesSwapTheOperands() {
    for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.MUL}) {
      OperandRules.Rewrite r =
          OperandRules.scalarLeft(op, ValueType.SI64, ValueType.SI64, "si64", Refused::new);
      assertEquals(new OperandRules.Rewrite(null, null, op), r);
    }
  }

  @Test
  void minusNegatesTheMatrixThenAdds() {
    OperandRules.Rewrite r =
        OperandRules.scalarLeft(BinaryOp.SUB, ValueType.F64, ValueType.SI64, "si64", Refused::new);
    assertEquals(new OperandRules.Rewrite(BinaryOp.MUL, Scalar.si64(-1), BinaryOp.ADD), r);
  }

  @Test
  void divideTakesTheReciprocalOfAFloatMatrixThenMultiplies() {
    OperandRules.Rewrite want =
        new OperandRules.Rewrite(BinaryOp.POW, Scalar.f64(-1.0), BinaryOp.MUL);
    for (ValueType m : new ValueType[] {ValueType.F64, ValueType.F32, null}) {
      assertEquals(
          want, OperandRules.scalarLeft(BinaryOp.DIV, ValueType.SI64, m, "any", Refused::new));
    }
  }

  @Test
  void divideByANonFloatMatrixIsRefusedNamingItsType() {
    assertEquals(
        "scalar / matrix is only supported for floating-point matrices, got matrix<si64>",
        refusal(
            () ->
                OperandRules.scalarLeft(
                    BinaryOp.DIV, ValueType.F64, ValueType.SI64, "matrix<si64>", Refused::new)));
  }

  static Stream<BinaryOp> notRewritten() {
    return Arrays.stream(BinaryOp.values())
        .filter(
            op ->
                op != BinaryOp.ADD
                    && op != BinaryOp.SUB
                    && op != BinaryOp.MUL
                    && op != BinaryOp.DIV);
  }

  @ParameterizedTest
  @MethodSource("notRewritten")
  void otherOperationsWantTheMatrixOnTheLeft(BinaryOp op) {
    assertEquals(
        "'"
            + op.symbol()
            + "' with a scalar on the left and a matrix on the right is not supported;"
            + " put the matrix on the left",
        refusal(
            () -> OperandRules.scalarLeft(op, ValueType.F64, ValueType.F64, "f64", Refused::new)));
  }

  @ParameterizedTest
  @EnumSource(BinaryOp.class)
  void aStringScalarIsNeverOnTheLeftOfAMatrix(BinaryOp op) {
    assertEquals(
        "'" + op.symbol() + "' of a string scalar and a matrix is not supported",
        refusal(
            () -> OperandRules.scalarLeft(op, ValueType.STR, ValueType.STR, "str", Refused::new)));
  }

  static Stream<Arguments> rewriteSamples() {
    return Stream.of(
        Arguments.of(BinaryOp.ADD, Scalar.si64(7), Scalar.si64(3)),
        Arguments.of(BinaryOp.MUL, Scalar.si64(7), Scalar.si64(-3)),
        Arguments.of(BinaryOp.SUB, Scalar.si64(7), Scalar.si64(3)),
        Arguments.of(BinaryOp.SUB, Scalar.f64(0.5), Scalar.f64(2.25)),
        Arguments.of(BinaryOp.DIV, Scalar.f64(3.0), Scalar.f64(4.0)),
        Arguments.of(BinaryOp.DIV, Scalar.si64(6), Scalar.f64(0.5)));
  }

  /** Running a rewrite on one cell gives {@code s op x}, as spec 6.2 says it must. */
  @ParameterizedTest
  @MethodSource("rewriteSamples")
  void aRewriteComputesTheSameAsTheOperationItReplaces(BinaryOp op, Scalar s, Scalar x) {
    OperandRules.Rewrite r = OperandRules.scalarLeft(op, s.type(), x.type(), "", Refused::new);
    Scalar left = r.prepare() == null ? x : ElementOps.apply(r.prepare(), x, r.prepareWith());
    Scalar rewritten = ElementOps.apply(r.combine(), left, s);
    assertEquals(ElementOps.apply(op, s, x).doubleValue(), rewritten.doubleValue());
  }

  // ---- unary functions --------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(UnaryOp.class)
  void stringFunctionsTakeStringsAndTheOthersNumbers(UnaryOp op) {
    ValueType fits = op.isStringOp() ? ValueType.STR : ValueType.F64;
    ValueType wrong = op.isStringOp() ? ValueType.F64 : ValueType.STR;
    assertDoesNotThrow(() -> OperandRules.unary(op, fits, "them", Refused::new));
    assertDoesNotThrow(() -> OperandRules.unary(op, null, "them", Refused::new));
    assertEquals(
        op.functionName() + " is not defined for the operand",
        refusal(() -> OperandRules.unary(op, wrong, "the operand", Refused::new)));
  }
}
