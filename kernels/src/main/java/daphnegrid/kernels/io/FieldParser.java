package daphnegrid.kernels.io;

import daphnegrid.kernels.Convert;
import java.nio.charset.StandardCharsets;

/**
 * Numbers from the bytes of one CSV field, parsed from the field's start the way C's {@code strtod}
 * and {@code strtoll}/{@code strtoull} do; whatever follows the number is ignored.
 *
 * <p>Floats are read without building strings, exactly: the first 19 significant digits form an
 * integer w and the value is {@code w * 10^q}. If {@code w < 2^53} and {@code |q| <= 22} that is
 * one correctly rounded IEEE multiplication or division of two exact doubles (Clinger's fast path);
 * otherwise {@link EiselLemire} rounds it. With more than 19 digits, the value lies between {@code
 * w * 10^q} and {@code (w + 1) * 10^q}, and is taken when both round alike. The rest (undecided
 * cases, subnormals, hex floats) goes to the JDK's correctly rounded parser.
 */
final class FieldParser {
  private FieldParser() {}

  private static final double[] POW10 = new double[23];
  private static final long TWO_53 = 1L << 53;
  private static final double NEGATIVE_NAN = Double.longBitsToDouble(0xfff8000000000000L);

  static {
    double p = 1;
    for (int k = 0; k < POW10.length; k++) {
      POW10[k] = p;
      p *= 10;
    }
  }

  /** C {@code isspace}. */
  static boolean isSpace(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /**
   * The leading float of b[from, to) as strtod reads it (decimal or scientific notation, {@code
   * nan}, {@code inf}, {@code infinity}, hex floats, after optional blanks and sign); NaN when the
   * field does not start with a number. A "-nan" has its sign bit set, as glibc's strtod does.
   */
  static double parseDouble(byte[] b, int from, int to) {
    int i = from;
    while (i < to && isSpace(b[i])) {
      i++;
    }
    int start = i;
    boolean neg = false;
    if (i < to && (b[i] == '+' || b[i] == '-')) {
      neg = b[i] == '-';
      i++;
    }
    if (i + 1 < to && b[i] == '0' && (b[i + 1] | 0x20) == 'x') {
      return slow(b, start, to);
    }
    long mant = 0;
    int digits = 0;
    int exp10 = 0;
    boolean any = false;
    boolean inexact = false;
    for (; i < to && isDigit(b[i]); i++) {
      any = true;
      int d = b[i] - '0';
      if (digits < 19) {
        if (mant != 0 || d != 0) {
          mant = mant * 10 + d;
          digits++;
        }
      } else {
        exp10++;
        inexact |= d != 0;
      }
    }
    if (i < to && b[i] == '.') {
      for (i++; i < to && isDigit(b[i]); i++) {
        any = true;
        int d = b[i] - '0';
        if (digits < 19) {
          if (mant != 0 || d != 0) {
            mant = mant * 10 + d;
            digits++;
          }
          exp10--;
        } else {
          inexact |= d != 0;
        }
      }
    }
    if (!any) {
      return special(b, i, to, neg);
    }
    if (i < to && (b[i] | 0x20) == 'e') {
      int j = i + 1;
      boolean expNeg = false;
      if (j < to && (b[j] == '+' || b[j] == '-')) {
        expNeg = b[j] == '-';
        j++;
      }
      if (j < to && isDigit(b[j])) {
        int e = 0;
        for (; j < to && isDigit(b[j]); j++) {
          e = Math.min(e * 10 + (b[j] - '0'), 100_000);
        }
        exp10 += expNeg ? -e : e;
        i = j;
      }
    }
    if (mant == 0) {
      return neg ? -0.0 : 0.0;
    }
    if (!inexact && mant >= 0 && mant < TWO_53 && exp10 >= -22 && exp10 <= 22) {
      double v = exp10 >= 0 ? mant * POW10[exp10] : mant / POW10[-exp10];
      return neg ? -v : v;
    }
    long bits = EiselLemire.toDoubleBits(mant, exp10);
    if (inexact && bits != EiselLemire.toDoubleBits(mant + 1, exp10)) {
      bits = EiselLemire.UNDECIDED;
    }
    if (bits != EiselLemire.UNDECIDED) {
      return Double.longBitsToDouble(neg ? bits | Long.MIN_VALUE : bits);
    }
    return Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
  }

  /** nan, inf or infinity (any case) at b[i], else NaN for "not a number" as well. */
  private static double special(byte[] b, int i, int to, boolean neg) {
    if (startsWithIgnoreCase(b, i, to, "nan")) {
      return neg ? NEGATIVE_NAN : Double.NaN;
    }
    if (startsWithIgnoreCase(b, i, to, "inf")) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.NaN; // empty or unparsable field
  }

  private static double slow(byte[] b, int from, int to) {
    Double v = Convert.parseLeadingDouble(new String(b, from, to - from, StandardCharsets.UTF_8));
    return v == null ? Double.NaN : v;
  }

  /**
   * The leading integer of b[from, to): blanks, optional sign, decimal digits; 0 without digits.
   * Signed values saturate at the 64-bit limits like strtoll; unsigned ones are read like strtoull
   * (saturating at 2^64 - 1, a '-' negating modulo 2^64).
   */
  static long parseLong(byte[] b, int from, int to, boolean unsigned) {
    int i = from;
    while (i < to && isSpace(b[i])) {
      i++;
    }
    boolean neg = false;
    if (i < to && (b[i] == '+' || b[i] == '-')) {
      neg = b[i] == '-';
      i++;
    }
    if (unsigned) {
      long v = 0;
      boolean overflow = false;
      for (; i < to && isDigit(b[i]); i++) {
        int d = b[i] - '0';
        overflow |= Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0;
        v = v * 10 + d;
      }
      return overflow ? -1L : (neg ? -v : v);
    }
    // accumulate negatively, as Long.parseLong does, so that -2^63 is reachable
    long limit = neg ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long acc = 0;
    for (; i < to && isDigit(b[i]); i++) {
      int d = b[i] - '0';
      if (acc < limit / 10 || acc * 10 < limit + d) {
        return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
      }
      acc = acc * 10 - d;
    }
    return neg ? acc : -acc;
  }

  /**
   * Whether b[from, to), without surrounding blanks, is exactly one number for a column of type t:
   * for integer types a sign and decimal digits whose value fits t (si8 -128..127, ui8 0..255, ...,
   * ui64 up to 2^64 - 1); for floats what {@link #parseDouble} reads, with nothing after it, or
   * nothing at all (NaN). The frame reader's check, which accepts no partial number.
   */
  static boolean isExact(byte[] b, int from, int to, daphnegrid.kernels.ValueType t) {
    while (from < to && isSpace(b[from])) {
      from++;
    }
    while (to > from && isSpace(b[to - 1])) {
      to--;
    }
    if (t.isFloat()) {
      return from == to || floatEnd(b, from, to) == to;
    }
    int i = from;
    boolean neg = false;
    if (i < to && (b[i] == '+' || b[i] == '-')) {
      neg = b[i] == '-';
      i++;
    }
    if (i == to) {
      return false;
    }
    for (int k = i; k < to; k++) {
      if (!isDigit(b[k])) {
        return false;
      }
    }
    while (i < to - 1 && b[i] == '0') {
      i++; // leading zeros do not count against the width
    }
    int digits = to - i;
    if (digits > 20) {
      return false;
    }
    if (t.isUnsigned() || t == daphnegrid.kernels.ValueType.SIZE) {
      if (neg) {
        return digits == 1 && b[i] == '0';
      }
      if (digits == 20 && compareDigits(b, i, to, "18446744073709551615") > 0) {
        return false;
      }
      return Long.compareUnsigned(parseLong(b, i, to, true), unsignedMax(t)) <= 0;
    }
    if (digits == 19 || digits == 20) {
      String limit = neg ? "9223372036854775808" : "9223372036854775807";
      if (digits == 20 || compareDigits(b, i, to, limit) > 0) {
        return false;
      }
    }
    long v = parseLong(b, from, to, false);
    return v >= signedMin(t) && v <= -(signedMin(t) + 1);
  }

  /** Compares the digits b[from, to) with the digits of limit, numerically (same length). */
  private static int compareDigits(byte[] b, int from, int to, String limit) {
    if (to - from != limit.length()) {
      return Integer.compare(to - from, limit.length());
    }
    for (int k = 0; k < limit.length(); k++) {
      int c = Integer.compare(b[from + k], limit.charAt(k));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static long signedMin(daphnegrid.kernels.ValueType t) {
    return switch (t) {
      case SI8 -> Byte.MIN_VALUE;
      case SI32 -> Integer.MIN_VALUE;
      default -> Long.MIN_VALUE;
    };
  }

  private static long unsignedMax(daphnegrid.kernels.ValueType t) {
    return switch (t) {
      case UI8 -> 0xffL;
      case UI32 -> 0xffff_ffffL;
      default -> -1L;
    };
  }

  /**
   * The end of the float syntax starting at b[from] (sign, digits with an optional point, an
   * optional exponent; or nan, inf, infinity; or a hex float), or from when none starts there.
   */
  static int floatEnd(byte[] b, int from, int to) {
    int i = from;
    if (i < to && (b[i] == '+' || b[i] == '-')) {
      i++;
    }
    if (startsWithIgnoreCase(b, i, to, "infinity")) {
      return i + 8;
    }
    if (startsWithIgnoreCase(b, i, to, "inf") || startsWithIgnoreCase(b, i, to, "nan")) {
      return i + 3;
    }
    if (i + 1 < to && b[i] == '0' && (b[i + 1] | 0x20) == 'x') {
      String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
      try {
        Double.parseDouble(text);
        return text.endsWith("d") || text.endsWith("D") || text.endsWith("f") ? from : to;
      } catch (NumberFormatException e) {
        return from;
      }
    }
    int digits = 0;
    while (i < to && isDigit(b[i])) {
      i++;
      digits++;
    }
    if (i < to && b[i] == '.') {
      i++;
      while (i < to && isDigit(b[i])) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return from;
    }
    if (i < to && (b[i] | 0x20) == 'e') {
      int j = i + 1;
      if (j < to && (b[j] == '+' || b[j] == '-')) {
        j++;
      }
      if (j < to && isDigit(b[j])) {
        while (j < to && isDigit(b[j])) {
          j++;
        }
        i = j;
      }
    }
    return i;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean startsWithIgnoreCase(byte[] b, int i, int to, String word) {
    if (to - i < word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if ((b[i + k] | 0x20) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
