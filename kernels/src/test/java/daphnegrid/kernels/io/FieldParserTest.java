package daphnegrid.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldParserTest {

  private static double d(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return FieldParser.parseDouble(b, 0, b.length);
  }

  private static long l(String s, boolean unsigned) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return FieldParser.parseLong(b, 0, b.length, unsigned);
  }

  /** Expected values as C's strtod gives them (the prefix strtod consumes, parsed by the JDK). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.5|1.5",
        "  -22.2|-22.2",
        "1e-3|0.001",
        "2.5E2|250",
        "-0.125|-0.125",
        "+7|7",
        ".5|0.5",
        "5.|5",
        "-.5e-3|-0.0005",
        "1.5abc|1.5",
        "1e|1",
        "1e+|1",
        "1.25e+2x|125",
        "0x1p3|8",
        "0x1.8|1.5",
        "-0x10|-16",
        "000123.4500|123.45",
        "12345678901234567890123|1.2345678901234568e22",
        "0.30000000000000004441|0.30000000000000004",
        "4.9e-324|4.9e-324",
        "1e400|Infinity",
        "1e-400|0",
        "100.125000|100.125",
      })
  void decimalPrefixes(String field, String expected) {
    assertEquals(Double.parseDouble(expected), d(field), field);
  }

  @Test
  void specialValues() {
    assertTrue(Double.isNaN(d("nan")));
    assertTrue(Double.doubleToRawLongBits(d("nan")) > 0);
    assertTrue(Double.doubleToRawLongBits(d("-nan")) < 0 && Double.isNaN(d("-nan")));
    assertTrue(Double.isNaN(d("NaN")));
    assertEquals(Double.POSITIVE_INFINITY, d("inf"));
    assertEquals(Double.POSITIVE_INFINITY, d("Infinity"));
    assertEquals(Double.NEGATIVE_INFINITY, d("-inf"));
    assertEquals(Double.NEGATIVE_INFINITY, d(" -INF"));
    assertEquals(-0.0, d("-0"));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d("-0.000000")));
  }

  @Test
  void emptyAndUnparsableFieldsAreNaN() {
    for (String s : new String[] {"", " ", "abc", ".", "-", "+", "e5", "\"1.5\""}) {
      assertTrue(Double.isNaN(d(s)), "'" + s + "'");
    }
  }

  /** The fast path must round exactly as the JDK's correctly rounded parser does. */
  @Test
  void randomDecimalsMatchTheJdk() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < 150_000; i++) {
      double v = Double.longBitsToDouble(rnd.nextLong());
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      String repr = Double.toString(v);
      assertEquals(v, d(repr), repr);
      String fixed =
          String.format(Locale.ROOT, "%.6f", rnd.nextDouble() * Math.pow(10, rnd.nextInt(12)));
      assertEquals(Double.parseDouble(fixed), d(fixed), fixed);
      String digits = Long.toString(rnd.nextLong(1, Long.MAX_VALUE)) + "e" + rnd.nextInt(-40, 40);
      String shortDigits =
          rnd.nextInt(1_000_000) + "." + rnd.nextInt(1000) + "e" + rnd.nextInt(-25, 25);
      assertEquals(Double.parseDouble(digits), d(digits), digits);
      assertEquals(Double.parseDouble(shortDigits), d(shortDigits), shortDigits);
    }
  }

  /** Inputs for the Eisel-Lemire path: 19+ digit mantissas and exponents over the whole range. */
  @Test
  void longMantissasAndWideExponentsMatchTheJdk() {
    SplittableRandom rnd = new SplittableRandom(8);
    for (int i = 0; i < 100_000; i++) {
      double v = Double.longBitsToDouble(rnd.nextLong() & Long.MAX_VALUE);
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      String e18 = String.format(Locale.ROOT, "%.18e", v); // numpy.savetxt's default
      assertEquals(Double.parseDouble(e18), d(e18), e18);
      StringBuilder many = new StringBuilder();
      int len = rnd.nextInt(1, 40);
      for (int k = 0; k < len; k++) {
        many.append((char) ('0' + rnd.nextInt(10)));
      }
      many.insert(rnd.nextInt(len + 1), '.').append('e').append(rnd.nextInt(-345, 330));
      String s = many.toString();
      if (s.startsWith(".e")) {
        continue;
      }
      assertEquals(Double.parseDouble(s), d(s), s);
      String neg = "-" + s;
      assertEquals(Double.parseDouble(neg), d(neg), neg);
    }
  }

  @Test
  void integersLikeStrtoll() {
    assertEquals(-42, l("  -42xyz", false));
    assertEquals(7, l("+7", false));
    assertEquals(0, l("", false));
    assertEquals(0, l("abc", false));
    assertEquals(3, l("3.9", false));
    assertEquals(Long.MAX_VALUE, l("9223372036854775807", false));
    assertEquals(Long.MIN_VALUE, l("-9223372036854775808", false));
    assertEquals(Long.MAX_VALUE, l("9223372036854775808", false));
    assertEquals(Long.MIN_VALUE, l("-92233720368547758080", false));
    assertEquals(-1L, l("18446744073709551615", true));
    assertEquals(-1L, l("18446744073709551616", true));
    assertEquals(-1L, l("-1", true));
    assertEquals(1L << 63, l("9223372036854775808", true));
  }
}
