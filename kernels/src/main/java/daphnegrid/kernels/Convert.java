package daphnegrid.kernels;

/**
 * Element conversions between value types (spec section 5.7), shared by scalar casts, matrix casts
 * and promotions so that every path converts the same way.
 *
 * <p>Integers are carried in a {@code long}: signed types sign-extended, unsigned types
 * zero-extended except ui64/size, which use all 64 bits. Floats are carried in a {@code double} (an
 * f32 value is a double that is exactly representable as a float).
 */
public final class Convert {
  private Convert() {}

  private static final double TWO_63 = 9.223372036854775808e18;
  private static final double TWO_64 = 1.8446744073709551616e19;

  /** Keeps the low-order bits of v that the integer type t holds (bool: non-zero to 1). */
  public static long narrow(long v, ValueType t) {
    return switch (t) {
      case BOOL -> v != 0 ? 1 : 0;
      case SI8 -> (byte) v;
      case UI8 -> v & 0xFFL;
      case SI32 -> (int) v;
      case UI32 -> v & 0xFFFFFFFFL;
      case SI64, UI64, SIZE -> v;
      default -> throw new IllegalArgumentException("not an integer type: " + t);
    };
  }

  /** An integer (or bool) value of type from, as the nearest double. */
  public static double toDouble(long v, ValueType from) {
    if ((from == ValueType.UI64 || from == ValueType.SIZE) && v < 0) {
      // unsigned above 2^63: halve with sticky bit, convert, double (correctly rounded)
      return ((double) ((v >>> 1) | (v & 1))) * 2.0;
    }
    return (double) v;
  }

  /** An integer (or bool) value of type from, as the nearest float. */
  public static float toFloat(long v, ValueType from) {
    if ((from == ValueType.UI64 || from == ValueType.SIZE) && v < 0) {
      return ((float) ((v >>> 1) | (v & 1))) * 2.0f;
    }
    return (float) v;
  }

  /**
   * A float value converted to the integer type t by truncation toward zero. NaN, infinities and
   * values outside the target's 64-bit range give -2^63 (x86-64 behaviour), then narrowed; bool is
   * true for non-zero and NaN.
   */
  public static long fromDouble(double d, ValueType t) {
    if (t == ValueType.BOOL) {
      return d != 0.0 || Double.isNaN(d) ? 1 : 0;
    }
    long v;
    if (Double.isNaN(d)) {
      v = Long.MIN_VALUE;
    } else if (t == ValueType.UI64 || t == ValueType.SIZE) {
      if (d >= TWO_63 && d < TWO_64) {
        v = (long) (d - TWO_63) ^ Long.MIN_VALUE;
      } else if (d > -TWO_63 - 1 && d < TWO_63) {
        v = (long) d;
      } else {
        v = Long.MIN_VALUE;
      }
    } else if (t == ValueType.SI32 || t == ValueType.SI8) {
      // C converts through a 32-bit int: out-of-range gives INT_MIN, then narrowing
      double tr = d < 0 ? Math.ceil(d) : Math.floor(d);
      v = (tr >= -2147483648.0 && tr <= 2147483647.0) ? (long) tr : Integer.MIN_VALUE;
    } else if (t == ValueType.UI32 || t == ValueType.UI8) {
      double tr = d < 0 ? Math.ceil(d) : Math.floor(d);
      v = (tr > -TWO_63 - 1 && tr < TWO_63) ? (long) tr : Long.MIN_VALUE;
    } else {
      v = (d > -TWO_63 - 1 && d < TWO_63) ? (long) d : Long.MIN_VALUE;
    }
    return narrow(v, t);
  }

  /** An integer of type from as the integer type to (two's complement re-interpretation). */
  public static long intToInt(long v, ValueType to) {
    return narrow(v, to);
  }

  /** C {@code to_string} of an integer value of type t (unsigned types print unsigned). */
  public static String intToString(long v, ValueType t) {
    if (t == ValueType.UI64 || t == ValueType.SIZE) {
      return Long.toUnsignedString(v);
    }
    return Long.toString(v);
  }

  /**
   * C {@code %f}: fixed notation with exactly six decimals, exact round-half-even.
   *
   * @see daphnegrid.kernels.format.NumberFormat#fixed6(double)
   */
  public static String fixed6(double d) {
    return daphnegrid.kernels.format.NumberFormat.fixed6(d);
  }

  /**
   * Parses the leading integer of s as C {@code strtoll} does (leading blanks, optional sign,
   * digits, garbage after ignored); null when there are no digits.
   */
  public static Long parseLeadingInteger(String s, boolean unsigned) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean neg = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    int start = i;
    long v = 0;
    boolean overflow = false;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      int dgt = s.charAt(i) - '0';
      if (unsigned) {
        if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - dgt, 10)) > 0) {
          overflow = true;
        }
      } else if (v > (Long.MAX_VALUE - dgt) / 10) {
        overflow = true;
      }
      v = v * 10 + dgt;
      i++;
    }
    if (i == start) {
      return null;
    }
    if (overflow) {
      if (unsigned) {
        return -1L;
      }
      return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return neg ? -v : v;
  }

  /**
   * Parses the leading floating-point number of s as C {@code strtod} does (decimal, exponent, nan,
   * inf, infinity, hex floats); null when no number starts the string.
   */
  public static Double parseLeadingDouble(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    int start = i;
    boolean neg = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
    if (rest.startsWith("nan")) {
      return neg ? -Double.NaN : Double.NaN;
    }
    if (rest.startsWith("inf")) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (rest.startsWith("0x")) {
      int j = i + 2;
      int mant = j;
      while (j < n && (Character.digit(s.charAt(j), 16) >= 0 || s.charAt(j) == '.')) {
        j++;
      }
      if (j == mant) {
        return neg ? -0.0 : 0.0; // "0x" alone parses the 0
      }
      String hex = s.substring(i, j);
      int e = j;
      if (e < n && (s.charAt(e) == 'p' || s.charAt(e) == 'P')) {
        int k = e + 1;
        if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
          k++;
        }
        int ds = k;
        while (k < n && Character.isDigit(s.charAt(k))) {
          k++;
        }
        if (k > ds) {
          hex = s.substring(i, k);
        } else {
          hex = hex + "p0";
        }
      } else {
        hex = hex + "p0";
      }
      double v = Double.parseDouble(hex);
      return neg ? -v : v;
    }
    int j = i;
    int digits = 0;
    while (j < n && Character.isDigit(s.charAt(j))) {
      j++;
      digits++;
    }
    if (j < n && s.charAt(j) == '.') {
      j++;
      while (j < n && Character.isDigit(s.charAt(j))) {
        j++;
        digits++;
      }
    }
    if (digits == 0) {
      return null;
    }
    int end = j;
    if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
      int k = j + 1;
      if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
        k++;
      }
      int ds = k;
      while (k < n && Character.isDigit(s.charAt(k))) {
        k++;
      }
      if (k > ds) {
        end = k;
      }
    }
    String num = s.substring(start, end);
    if (num.endsWith(".")) {
      num = num + "0";
    }
    if (num.startsWith(".") || num.startsWith("-.") || num.startsWith("+.")) {
      num = num.replaceFirst("\\.", "0.");
    }
    return Double.parseDouble(num);
  }
}
