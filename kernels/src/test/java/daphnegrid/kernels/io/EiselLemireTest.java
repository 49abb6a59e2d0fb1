package daphnegrid.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EiselLemireTest {

  /** The correctly rounded double of w * 10^q, by BigDecimal (the JDK rounds it exactly). */
  private static double reference(long w, int q) {
    return new BigDecimal(new BigInteger(Long.toUnsignedString(w)))
        .scaleByPowerOfTen(q)
        .doubleValue();
  }

  @Test
  void randomMantissasAndExponentsRoundCorrectly() {
    SplittableRandom rnd = new SplittableRandom(17);
    int undecided = 0;
    int n = 300_000;
    for (int i = 0; i < n; i++) {
      long w = rnd.nextLong() >>> rnd.nextInt(64);
      if (w == 0) {
        continue;
      }
      int q = rnd.nextInt(-360, 330);
      long bits = EiselLemire.toDoubleBits(w, q);
      if (bits == EiselLemire.UNDECIDED) {
        undecided++;
        continue;
      }
      double expected = reference(w, q);
      long wFinal = w;
      assertEquals(
          Double.doubleToRawLongBits(expected),
          bits,
          () -> Long.toUnsignedString(wFinal) + "e" + q);
    }
    // only subnormal results (about 5% of this exponent range) and rare near-ties are left over
    assertTrue(undecided < n / 10, "undecided " + undecided);
  }

  /** Exact midpoints between neighbouring doubles, and one unit of w either side. */
  @Test
  void halfwayCasesRoundToEven() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 50_000; i++) {
      double d = Double.longBitsToDouble(rnd.nextLong(0x0010000000000000L, 0x7fe0000000000000L));
      BigDecimal mid =
          new BigDecimal(d).add(new BigDecimal(Math.nextUp(d))).divide(BigDecimal.valueOf(2));
      BigDecimal rounded = mid.round(new java.math.MathContext(19));
      if (rounded.unscaledValue().bitLength() > 64) {
        continue;
      }
      long w = rounded.unscaledValue().longValue();
      int q = -rounded.scale();
      for (long dw = -1; dw <= 1; dw++) {
        long bits = EiselLemire.toDoubleBits(w + dw, q);
        if (bits != EiselLemire.UNDECIDED) {
          assertEquals(Double.doubleToRawLongBits(reference(w + dw, q)), bits);
        }
      }
    }
  }

  @Test
  void extremes() {
    assertEquals(0, EiselLemire.toDoubleBits(1, -400));
    assertEquals(
        Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), EiselLemire.toDoubleBits(1, 309));
    assertEquals(
        Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), EiselLemire.toDoubleBits(-1L, 300));
    assertEquals(
        Double.doubleToRawLongBits(Double.MAX_VALUE),
        EiselLemire.toDoubleBits(17976931348623157L, 292));
    assertEquals(Double.doubleToRawLongBits(1.0), EiselLemire.toDoubleBits(1, 0));
    assertEquals(Double.doubleToRawLongBits(0.1), EiselLemire.toDoubleBits(1, -1));
  }
}
