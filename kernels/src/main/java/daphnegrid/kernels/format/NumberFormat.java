package daphnegrid.kernels.format;

import daphnegrid.kernels.Convert;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The two ways DAPHNE renders a floating-point number, exactly as C does:
 *
 * <ul>
 *   <li>{@link #general6} — C++ stream default, printf {@code "%.6g"} (spec 8.2), used by {@code
 *       print};
 *   <li>{@link #fixed6} — printf {@code "%f"} (spec 5.7 and 10.3), used by string conversion and
 *       CSV writing.
 * </ul>
 *
 * <p>Both round the exact binary value half-to-even. Each has a byte-array variant that appends
 * ASCII to a caller's buffer without allocating, for printing and writing large matrices.
 *
 * <p>How the fast paths stay exact: {@link #fixed6} works on the integer significand, {@code |v| =
 * m * 2^e}, and computes {@code round(m * 10^6 / 2^-e)} in 128-bit integer arithmetic, so it never
 * approximates. {@link #general6} scales {@code |v|} by a power of ten in double arithmetic to
 * {@code s ~ |v| * 10^(5-E)} in [10^5, 10^6), with relative error at most 2^-52 (two roundings),
 * i.e. below 2.3e-10 absolute; only when {@code s} lies within 1e-9 of a rounding midpoint (an
 * exact tie, or nearly one) is the decision left to {@link BigDecimal}. Numbers below 1e-290 go the
 * {@code BigDecimal} way too, where the scale factor would overflow.
 */
public final class NumberFormat {
  private NumberFormat() {}

  /** Longest output of {@link #general6}: {@code -1.23457e-308}. */
  public static final int MAX_GENERAL6_LENGTH = 13;

  /** Longest output of {@link #fixed6}: a sign, 309 integer digits, the point, six decimals. */
  public static final int MAX_FIXED6_LENGTH = 317;

  /** Longest decimal rendering of a 64-bit integer, signed or unsigned. */
  public static final int MAX_INTEGER_LENGTH = 20;

  /** POW10[k] = 10^k rounded to double (exact for k <= 22). */
  private static final double[] POW10 = new double[309];

  /** Below this the scale factor 10^(5-E) of the fast path would overflow. */
  private static final double FAST_GENERAL_MIN = 1e-290;

  /** Distance from a rounding midpoint below which the fast path defers to BigDecimal. */
  private static final double TIE_MARGIN = 1e-9;

  private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);
  private static final long TWO_POW_63_BITS = Double.doubleToRawLongBits(9.223372036854775808e18);

  static {
    for (int k = 0; k < POW10.length; k++) {
      POW10[k] = Double.parseDouble("1e" + k);
    }
  }

  // ---- %.6g -----------------------------------------------------------------------------------

  /** {@code printf("%.6g", v)}: spec 8.2 ({@code nan}/{@code -nan} by the sign bit, {@code -0}). */
  public static String general6(double v) {
    byte[] b = new byte[MAX_GENERAL6_LENGTH];
    return new String(b, 0, general6(v, b, 0), StandardCharsets.ISO_8859_1);
  }

  /**
   * Appends {@code printf("%.6g", v)} as ASCII to dst at pos; dst needs {@link
   * #MAX_GENERAL6_LENGTH} free bytes there.
   *
   * @return the position after the last byte written
   */
  public static int general6(double v, byte[] dst, int pos) {
    long bits = Double.doubleToRawLongBits(v);
    if (bits < 0) {
      dst[pos++] = '-';
    }
    double a = Math.abs(v);
    if (a != a) {
      return ascii("nan", dst, pos);
    }
    if (a == Double.POSITIVE_INFINITY) {
      return ascii("inf", dst, pos);
    }
    if (a < 1e6 && a == (long) a) {
      return writeLong((long) a, dst, pos); // integers below 10^6 print all their digits
    }
    long packed = a >= FAST_GENERAL_MIN ? roundFast(a) : -1;
    if (packed < 0) {
      packed = roundExact(a);
    }
    return writeGeneral((int) (packed >>> 32), (int) packed, dst, pos);
  }

  /**
   * |v| (finite, non-zero) rounded to six significant digits, as {@code digits << 32 | (E &
   * 0xffffffff)} with digits in [100000, 999999] and value = digits * 10^(E-5); or -1 when the
   * double arithmetic cannot decide the rounding.
   */
  private static long roundFast(double a) {
    int e10 = (int) Math.floor(Math.getExponent(a) * 0.30102999566398120);
    if (e10 + 1 >= 0 ? a >= POW10[e10 + 1] : a * POW10[-e10 - 1] >= 1.0) {
      e10++; // now e10 = floor(log10 a), up to a one-ulp slip at powers of ten (harmless below)
    }
    int k = 5 - e10;
    double scaled = k >= 0 ? a * POW10[k] : a / POW10[-k];
    double floor = Math.floor(scaled);
    double frac = scaled - floor;
    if (Math.abs(frac - 0.5) < TIE_MARGIN) {
      return -1;
    }
    long digits = (long) floor + (frac > 0.5 ? 1 : 0);
    if (digits == 1_000_000) {
      digits = 100_000;
      e10++;
    }
    if (digits < 100_000 || digits > 999_999) {
      return -1;
    }
    return (digits << 32) | (e10 & 0xffffffffL);
  }

  private static long roundExact(double a) {
    BigDecimal r = new BigDecimal(a).round(SIX_DIGITS);
    long digits = r.unscaledValue().longValueExact();
    int e10 = r.precision() - r.scale() - 1;
    for (int p = r.precision(); p < 6; p++) {
      digits *= 10;
    }
    return (digits << 32) | (e10 & 0xffffffffL);
  }

  /** Renders digits (exactly six) * 10^(e10-5) per spec 8.2 steps 4 and 5. */
  private static int writeGeneral(int digits, int e10, byte[] dst, int pos) {
    int sig = 6;
    while (digits % 10 == 0) {
      digits /= 10; // the leading digit is never 0, so this stops
      sig--;
    }
    if (e10 >= -4 && e10 < 6) {
      if (e10 < 0) {
        dst[pos++] = '0';
        dst[pos++] = '.';
        for (int i = -1; i > e10; i--) {
          dst[pos++] = '0';
        }
        return writeDigits(digits, sig, dst, pos);
      }
      if (sig <= e10 + 1) {
        pos = writeDigits(digits, sig, dst, pos);
        for (int i = sig; i <= e10; i++) {
          dst[pos++] = '0';
        }
        return pos;
      }
      return writePointAfter(digits, sig, e10 + 1, dst, pos);
    }
    pos = sig == 1 ? writeDigits(digits, 1, dst, pos) : writePointAfter(digits, sig, 1, dst, pos);
    dst[pos++] = 'e';
    dst[pos++] = (byte) (e10 < 0 ? '-' : '+');
    int x = Math.abs(e10);
    if (x >= 100) {
      dst[pos++] = (byte) ('0' + x / 100);
      x %= 100;
    }
    dst[pos++] = (byte) ('0' + x / 10);
    dst[pos++] = (byte) ('0' + x % 10);
    return pos;
  }

  /** Writes the n digits of value with a decimal point after the first k (0 < k < n). */
  private static int writePointAfter(int value, int n, int k, byte[] dst, int pos) {
    int end = writeDigits(value, n, dst, pos + 1);
    System.arraycopy(dst, pos + 1, dst, pos, k);
    dst[pos + k] = '.';
    return end;
  }

  /** Writes exactly n decimal digits of value (zero-padded on the left). */
  private static int writeDigits(long value, int n, byte[] dst, int pos) {
    for (int i = pos + n - 1; i >= pos; i--) {
      dst[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return pos + n;
  }

  // ---- %f -------------------------------------------------------------------------------------

  /** {@code printf("%f", v)}: six decimals, exact round-half-even, sign kept for -0 and -nan. */
  public static String fixed6(double v) {
    byte[] b = new byte[MAX_FIXED6_LENGTH];
    return new String(b, 0, fixed6(v, b, 0), StandardCharsets.ISO_8859_1);
  }

  /**
   * Appends {@code printf("%f", v)} as ASCII to dst at pos; dst needs {@link #MAX_FIXED6_LENGTH}
   * free bytes there (at most 28 for |v| below 2^63).
   *
   * @return the position after the last byte written
   */
  public static int fixed6(double v, byte[] dst, int pos) {
    long bits = Double.doubleToRawLongBits(v);
    if (bits < 0) {
      dst[pos++] = '-';
    }
    int biased = (int) (bits >>> 52) & 0x7ff;
    long m = bits & 0x000f_ffff_ffff_ffffL;
    if (biased == 0x7ff) {
      return ascii(m != 0 ? "nan" : "inf", dst, pos);
    }
    if (biased != 0) {
      m |= 1L << 52;
    }
    int s = 1075 - Math.max(biased, 1); // |v| = m / 2^s
    if (s <= 0) {
      // an integer of 53 bits or more
      if ((bits & Long.MAX_VALUE) < TWO_POW_63_BITS) {
        pos = writeLong(m << -s, dst, pos);
      } else {
        pos = ascii(new BigDecimal(Math.abs(v)).toBigInteger().toString(), dst, pos);
      }
      return ascii(".000000", dst, pos);
    }
    long intPart;
    long micros;
    if (s < 64) {
      intPart = m >>> s;
      micros = shiftRound(m & ((1L << s) - 1), s);
      if (micros == 1_000_000) {
        intPart++;
        micros = 0;
      }
    } else {
      intPart = 0;
      micros = s < 128 ? shiftRound(m, s) : 0; // below 2^-75 everything rounds to 0
    }
    pos = writeLong(intPart, dst, pos);
    dst[pos++] = '.';
    return writeDigits(micros, 6, dst, pos);
  }

  /**
   * round-half-even(f * 10^6 / 2^s) for 0 <= f < 2^53 and 1 <= s < 128, in 128-bit arithmetic;
   * callers guarantee the result is at most 10^6.
   */
  private static long shiftRound(long f, int s) {
    long hi = Math.multiplyHigh(f, 1_000_000L);
    long lo = f * 1_000_000L;
    long q;
    long remHi;
    long remLo;
    long halfHi;
    long halfLo;
    if (s < 64) {
      q = (hi << (64 - s)) | (lo >>> s);
      remHi = 0;
      remLo = lo & ((1L << s) - 1);
      halfHi = 0;
      halfLo = 1L << (s - 1);
    } else {
      int t = s - 64;
      q = hi >>> t;
      remHi = t == 0 ? 0 : hi & ((1L << t) - 1);
      remLo = lo;
      halfHi = t == 0 ? 0 : 1L << (t - 1);
      halfLo = t == 0 ? Long.MIN_VALUE : 0;
    }
    int c =
        remHi != halfHi ? Long.compareUnsigned(remHi, halfHi) : Long.compareUnsigned(remLo, halfLo);
    if (c > 0 || (c == 0 && (q & 1) != 0)) {
      q++;
    }
    return q;
  }

  // ---- integers and scalars -------------------------------------------------------------------

  /**
   * Appends the decimal rendering of an integer value of type t (unsigned types as unsigned, bool
   * as 1/0) to dst at pos; dst needs {@link #MAX_INTEGER_LENGTH} free bytes there.
   */
  public static int integer(long v, ValueType t, byte[] dst, int pos) {
    if (v < 0 && (t == ValueType.UI64 || t == ValueType.SIZE)) {
      long q = (v >>> 1) / 5; // v / 10 unsigned
      pos = writeLong(q, dst, pos);
      dst[pos++] = (byte) ('0' + (v - q * 10));
      return pos;
    }
    if (v < 0) {
      dst[pos++] = '-';
      if (v == Long.MIN_VALUE) {
        return ascii("9223372036854775808", dst, pos);
      }
      v = -v;
    }
    return writeLong(v, dst, pos);
  }

  /**
   * A scalar as {@code print} shows it (spec 8.1): integers in decimal (unsigned types as
   * unsigned), bool as 1/0, strings raw, floats per {@link #general6} (f32 widened exactly).
   */
  public static String scalar(Scalar s) {
    ValueType t = s.type();
    if (t == ValueType.STR) {
      return s.stringValue();
    }
    if (t.isFloat()) {
      return general6(s.doubleValue());
    }
    return Convert.intToString(s.bits(), t);
  }

  /** Writes a non-negative long in decimal. */
  private static int writeLong(long v, byte[] dst, int pos) {
    int n = 1;
    for (long x = v; x >= 10; x /= 10) {
      n++;
    }
    return writeDigits(v, n, dst, pos);
  }

  private static int ascii(String s, byte[] dst, int pos) {
    for (int i = 0; i < s.length(); i++) {
      dst[pos++] = (byte) s.charAt(i);
    }
    return pos;
  }
}
