package daphnegrid.kernels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberFormatTest {

  /** Expected texts produced by C printf ("%.6g" and "%f", via python3's % operator). */
  @ParameterizedTest
  @CsvSource(
      delimiter = ' ',
      value = {
        "0.1234 0.1234 0.123400",
        "-0.0 -0 -0.000000",
        "0.0 0 0.000000",
        "10e12 1e+13 10000000000000.000000",
        "1e-06 1e-06 0.000001",
        "1000000.0 1e+06 1000000.000000",
        "999999.5 1e+06 999999.500000",
        "999999.4999 999999 999999.499900",
        "1.234e-05 1.234e-05 0.000012",
        "5.5247e-08 5.5247e-08 0.000000",
        "1234565.0 1.23456e+06 1234565.000000",
        "1234575.0 1.23458e+06 1234575.000000",
        "123456.5 123456 123456.500000",
        "123457.5 123458 123457.500000",
        "123456.7 123457 123456.700000",
        "100000.0 100000 100000.000000",
        "0.0001 0.0001 0.000100",
        "0.00001 1e-05 0.000010",
        "0.30000000000000004 0.3 0.300000",
        "1.1 1.1 1.100000",
        "2.25 2.25 2.250000",
        "5e-05 5e-05 0.000050",
        "2.5 2.5 2.500000",
        "1e-300 1e-300 0.000000",
        "5e-324 4.94066e-324 0.000000",
        "2.2250738585072014e-308 2.22507e-308 0.000000",
        "1e+22 1e+22 10000000000000000000000.000000",
        "1e+23 1e+23 99999999999999991611392.000000",
        "0.3333333333333333 0.333333 0.333333",
        "0.6666666666666666 0.666667 0.666667",
        "9.999995 10 9.999995",
        "9.9999949999 9.99999 9.999995",
        "99999.95 99999.9 99999.950000",
        "0.000123456789 0.000123457 0.000123",
        "123456789012.0 1.23457e+11 123456789012.000000",
        "0.0009999995 0.001 0.001000",
        "0.00099999949 0.000999999 0.001000",
        "9.5e-05 9.5e-05 0.000095",
        "4.35 4.35 4.350000",
        "1e+21 1e+21 1000000000000000000000.000000",
        "3.0517578125e-05 3.05176e-05 0.000031",
        "123.456 123.456 123.456000",
        "9223372036854775808 9.22337e+18 9223372036854775808.000000",
        "18446744073709551616 1.84467e+19 18446744073709551616.000000",
        "65536.5 65536.5 65536.500000",
        "0.1234565 0.123456 0.123456",
        "1.5e-06 1.5e-06 0.000002",
        "2.5e-06 2.5e-06 0.000003",
        "0.9999995 1 1.000000",
        "0.9999994999 0.999999 0.999999",
        "1.0000005 1 1.000001",
        "2.0000005 2 2.000001",
        "123.4565 123.457 123.456500",
        "100.0000005 100 100.000000",
        "9007199254740993.0 9.0072e+15 9007199254740992.000000",
        "4503599627370495.5 4.5036e+15 4503599627370495.500000",
        "1000000000.5 1e+09 1000000000.500000",
        "7.5e-07 7.5e-07 0.000001",
        "1.25e-06 1.25e-06 0.000001",
        "5e-07 5e-07 0.000000",
        "-3.75 -3.75 -3.750000",
        "-1e-9 -1e-09 -0.000000",
        "1e100 1e+100"
            + " 10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000000",
      })
  void matchesPrintf(String literal, String g, String f) {
    double v = Double.parseDouble(literal);
    assertEquals(g, NumberFormat.general6(v), "%.6g of " + literal);
    assertEquals(f, NumberFormat.fixed6(v), "%f of " + literal);
  }

  @Test
  void specExamples() {
    assertEquals("0.1234", NumberFormat.general6(0.1234));
    assertEquals("1234", NumberFormat.general6(1234.0));
    assertEquals("1.73205", NumberFormat.general6(Math.sqrt(3)));
    assertEquals("1e+100", NumberFormat.general6(1e100));
    assertEquals("1.79769e+308", NumberFormat.general6(Double.MAX_VALUE));
    assertEquals("-inf", NumberFormat.general6(Double.NEGATIVE_INFINITY));
    assertEquals("inf", NumberFormat.general6(Double.POSITIVE_INFINITY));
    assertEquals("1.100000", NumberFormat.fixed6(1.1));
    assertEquals("0.100000", NumberFormat.fixed6(0.1f));
    assertEquals("100000000000000000000.000000", NumberFormat.fixed6(1e20));
    assertEquals("-inf", NumberFormat.fixed6(Double.NEGATIVE_INFINITY));
  }

  @Test
  void nanPrintsItsSignBit() {
    double positive = Double.longBitsToDouble(0x7ff8000000000000L);
    double negative = Double.longBitsToDouble(0xfff8000000000000L);
    double negativePayload = Double.longBitsToDouble(0xfff0000000000001L);
    assertEquals("nan", NumberFormat.general6(positive));
    assertEquals("-nan", NumberFormat.general6(negative));
    assertEquals("-nan", NumberFormat.general6(negativePayload));
    assertEquals("nan", NumberFormat.fixed6(positive));
    assertEquals("-nan", NumberFormat.fixed6(negative));
  }

  @Test
  void randomBitPatternsMatchBigDecimal() {
    SplittableRandom rnd = new SplittableRandom(20240611L);
    for (int i = 0; i < 1_000_000; i++) {
      double v = Double.longBitsToDouble(rnd.nextLong());
      assertEquals(referenceGeneral6(v), NumberFormat.general6(v), () -> "%.6g of " + hex(v));
    }
    for (int i = 0; i < 300_000; i++) {
      double v = Double.longBitsToDouble(rnd.nextLong());
      assertEquals(referenceFixed6(v), NumberFormat.fixed6(v), () -> "%f of " + hex(v));
    }
  }

  @Test
  void randomMagnitudesMatchBigDecimal() {
    // values whose integer and fractional parts both matter for %f, and every exponent for %g
    SplittableRandom rnd = new SplittableRandom(7L);
    for (int i = 0; i < 1_000_000; i++) {
      double v =
          rnd.nextDouble() * Math.pow(10, rnd.nextInt(-12, 20)) * (rnd.nextBoolean() ? 1 : -1);
      assertEquals(referenceGeneral6(v), NumberFormat.general6(v), () -> "%.6g of " + hex(v));
      assertEquals(referenceFixed6(v), NumberFormat.fixed6(v), () -> "%f of " + hex(v));
    }
  }

  /**
   * Decimal numbers at and next to the rounding midpoints of both formats: d.ddddd5 x 10^e for %g
   * and x.xxxxxx5 for %f, each exactly as parsed and one ulp to either side.
   */
  @Test
  void nearTiesMatchBigDecimal() {
    SplittableRandom rnd = new SplittableRandom(99L);
    for (int i = 0; i < 60_000; i++) {
      long sevenDigits = rnd.nextLong(100_000, 1_000_000) * 10 + 5;
      int exp = rnd.nextInt(-320, 300);
      checkGeneralAround(Double.parseDouble(sevenDigits + "e" + exp));
      long micros = rnd.nextLong(0, 10_000_000_000L) * 10 + 5;
      checkAround(Double.parseDouble(micros + "e-7") * (1 << rnd.nextInt(30)));
    }
    // exact binary ties for %f: k / 2^7 has a 5 in the seventh decimal place
    for (int k = 0; k < 50_000; k++) {
      checkAround(k / 128.0);
      checkAround(k / 2_097_152.0 + 17);
    }
    // exact ties for %g: integers and halves with seven significant digits
    for (long k = 1_000_005; k < 10_000_000; k += 270) {
      checkAround(k);
      checkAround(k / 10.0);
      checkAround(k * 1000.0);
    }
  }

  private static void checkGeneralAround(double v) {
    for (double x : new double[] {Math.nextDown(v), v, Math.nextUp(v)}) {
      assertEquals(referenceGeneral6(x), NumberFormat.general6(x), () -> "%.6g of " + hex(x));
    }
  }

  private static void checkAround(double v) {
    checkGeneralAround(v);
    for (double x : new double[] {Math.nextDown(v), v, Math.nextUp(v)}) {
      assertEquals(referenceFixed6(x), NumberFormat.fixed6(x), () -> "%f of " + hex(x));
    }
  }

  @Test
  void integralAndSmallValues() {
    for (int k = -2_000_000; k <= 2_000_000; k += 7) {
      assertEquals(referenceGeneral6(k), NumberFormat.general6(k));
      assertEquals(referenceGeneral6(k / 1e6), NumberFormat.general6(k / 1e6));
    }
    for (int e = -330; e <= 310; e++) {
      double p = Double.parseDouble("1e" + e);
      checkGeneralAround(p);
      checkGeneralAround(5 * p);
      if (e < 40) {
        checkAround(p);
        checkAround(5 * p);
      }
    }
    for (int e = -1074; e <= 1023; e++) {
      checkGeneralAround(Math.scalb(1.0, e));
      if (e < 130) {
        checkAround(Math.scalb(1.0, e));
      }
    }
  }

  @Test
  void bufferVariantsAppendAtTheGivenPosition() {
    byte[] buf = new byte[64];
    buf[0] = 'x';
    int end = NumberFormat.general6(-1.5e-7, buf, 1);
    assertEquals("x-1.5e-07", ascii(buf, end));
    end = NumberFormat.fixed6(2.5, buf, 1);
    assertEquals("x2.500000", ascii(buf, end));
    end = NumberFormat.integer(-1L, ValueType.UI64, buf, 1);
    assertEquals("x18446744073709551615", ascii(buf, end));
    end = NumberFormat.integer(Long.MIN_VALUE, ValueType.SI64, buf, 1);
    assertEquals("x-9223372036854775808", ascii(buf, end));
    end = NumberFormat.integer(0, ValueType.SI8, buf, 1);
    assertEquals("x0", ascii(buf, end));
  }

  @Test
  void longestOutputsFitTheDeclaredBounds() {
    assertEquals(NumberFormat.MAX_GENERAL6_LENGTH, NumberFormat.general6(-1.23457e-308).length());
    assertEquals(NumberFormat.MAX_FIXED6_LENGTH, NumberFormat.fixed6(-Double.MAX_VALUE).length());
  }

  @Test
  void unsignedIntegersMatchLongToUnsignedString() {
    SplittableRandom rnd = new SplittableRandom(3L);
    byte[] buf = new byte[NumberFormat.MAX_INTEGER_LENGTH];
    for (int i = 0; i < 100_000; i++) {
      long v = rnd.nextLong() >> rnd.nextInt(64);
      assertEquals(
          Long.toUnsignedString(v), ascii(buf, NumberFormat.integer(v, ValueType.UI64, buf, 0)));
      assertEquals(Long.toString(v), ascii(buf, NumberFormat.integer(v, ValueType.SI64, buf, 0)));
    }
  }

  @Test
  void scalarsPrintAsSpecSection81() {
    assertEquals("9223372036854775807", NumberFormat.scalar(Scalar.si64(Long.MAX_VALUE)));
    assertEquals("18446744073709551615", NumberFormat.scalar(Scalar.ofLong(ValueType.UI64, -1)));
    assertEquals("18446744073709551615", NumberFormat.scalar(Scalar.size(-1)));
    assertEquals("-42", NumberFormat.scalar(Scalar.ofLong(ValueType.SI8, -42)));
    assertEquals("255", NumberFormat.scalar(Scalar.ofLong(ValueType.UI8, -1)));
    assertEquals("4294967295", NumberFormat.scalar(Scalar.ofLong(ValueType.UI32, -1)));
    assertEquals("1", NumberFormat.scalar(Scalar.TRUE));
    assertEquals("0", NumberFormat.scalar(Scalar.FALSE));
    assertEquals("a b\"c", NumberFormat.scalar(Scalar.str("a b\"c")));
    assertEquals("0.1", NumberFormat.scalar(Scalar.ofDouble(ValueType.F32, 0.1)));
    assertEquals("1e+13", NumberFormat.scalar(Scalar.f64(10e12)));
  }

  // ---- independent references ---------------------------------------------------------------

  /** C's definition of %g with precision 6, on BigDecimal. */
  static String referenceGeneral6(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
    if (v == 0) {
      return sign + "0";
    }
    BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(6, RoundingMode.HALF_EVEN));
    int x = r.precision() - r.scale() - 1;
    if (x >= -4 && x < 6) {
      return sign + stripZeros(r.setScale(5 - x, RoundingMode.UNNECESSARY).toPlainString());
    }
    String digits = r.unscaledValue().toString();
    String mantissa = stripZeros(digits.charAt(0) + "." + digits.substring(1));
    String exp = String.valueOf(Math.abs(x));
    return sign + mantissa + "e" + (x < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
  }

  static String referenceFixed6(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    String s = new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    return Double.doubleToRawLongBits(v) < 0 && !s.startsWith("-") ? "-" + s : s;
  }

  private static String special(double v) {
    String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
    if (Double.isNaN(v)) {
      return sign + "nan";
    }
    return Double.isInfinite(v) ? sign + "inf" : null;
  }

  private static String stripZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }

  private static String ascii(byte[] b, int end) {
    return new String(b, 0, end, StandardCharsets.ISO_8859_1);
  }

  private static String hex(double v) {
    return v + " (" + Double.toHexString(v) + ")";
  }
}
