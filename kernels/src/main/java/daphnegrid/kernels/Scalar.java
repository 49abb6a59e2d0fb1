package daphnegrid.kernels;

import java.util.Objects;

/**
 * One immutable value of a {@link ValueType}. Integers and bool live in {@link #bits()} (normalised
 * as {@link Convert#narrow} leaves them), floats in {@link #doubleValue()} (an f32 is stored
 * widened, exactly), strings in {@link #stringValue()}.
 */
public final class Scalar {
  private final ValueType type;
  private final long bits;
  private final double dbl;
  private final String str;

  private Scalar(ValueType type, long bits, double dbl, String str) {
    this.type = type;
    this.bits = bits;
    this.dbl = dbl;
    this.str = str;
  }

  public static final Scalar TRUE = new Scalar(ValueType.BOOL, 1, 0, null);
  public static final Scalar FALSE = new Scalar(ValueType.BOOL, 0, 0, null);

  /** An integer or bool scalar; v is narrowed to the type's width. */
  public static Scalar ofLong(ValueType t, long v) {
    if (t.isFloat()) {
      return ofDouble(t, Convert.toDouble(v, ValueType.SI64));
    }
    if (t == ValueType.STR) {
      throw new IllegalArgumentException("ofLong on str");
    }
    return new Scalar(t, Convert.narrow(v, t), 0, null);
  }

  /** A float scalar; for f32, v is rounded to float. */
  public static Scalar ofDouble(ValueType t, double v) {
    if (!t.isFloat()) {
      throw new IllegalArgumentException("ofDouble on " + t);
    }
    return new Scalar(t, 0, t == ValueType.F32 ? (double) (float) v : v, null);
  }

  public static Scalar f64(double v) {
    return new Scalar(ValueType.F64, 0, v, null);
  }

  public static Scalar si64(long v) {
    return new Scalar(ValueType.SI64, v, 0, null);
  }

  public static Scalar size(long v) {
    return new Scalar(ValueType.SIZE, v, 0, null);
  }

  public static Scalar bool(boolean v) {
    return v ? TRUE : FALSE;
  }

  public static Scalar str(String s) {
    return new Scalar(ValueType.STR, 0, 0, Objects.requireNonNull(s));
  }

  public ValueType type() {
    return type;
  }

  /** The integer/bool payload (meaningless for floats and strings). */
  public long bits() {
    return bits;
  }

  /** The float payload (meaningless for integers and strings). */
  public double doubleValue() {
    return dbl;
  }

  public String stringValue() {
    return str;
  }

  /** The value as a double (unsigned types converted as unsigned). Strings are not numbers. */
  public double asDouble() {
    if (type.isFloat()) {
      return dbl;
    }
    if (type == ValueType.STR) {
      throw new KernelException("a string was used where a number is needed");
    }
    return Convert.toDouble(bits, type);
  }

  /** The value as a signed 64-bit integer (floats truncated toward zero). */
  public long asLong() {
    if (type.isFloat()) {
      return Convert.fromDouble(dbl, ValueType.SI64);
    }
    if (type == ValueType.STR) {
      throw new KernelException("a string was used where a number is needed");
    }
    return bits;
  }

  /** Truth value for conditions: non-zero and NaN are true. */
  public boolean isTrue() {
    if (type.isFloat()) {
      return dbl != 0.0 || Double.isNaN(dbl);
    }
    if (type == ValueType.STR) {
      return !str.isEmpty();
    }
    return bits != 0;
  }

  /**
   * This value converted to type t (spec 5.7). String targets use C {@code to_string}; string
   * sources are parsed like {@code strtoll}/{@code strtod}.
   *
   * @throws NumberFormatException if a string does not start with a number
   */
  public Scalar convert(ValueType t) {
    if (t == type) {
      return this;
    }
    if (t == ValueType.STR) {
      return str(toDisplayString());
    }
    if (type == ValueType.STR) {
      if (t.isFloat()) {
        Double d = Convert.parseLeadingDouble(str);
        if (d == null) {
          throw new NumberFormatException("cannot convert string '" + str + "' to " + t.dslName());
        }
        return ofDouble(t, d);
      }
      Long v = Convert.parseLeadingInteger(str, t.isUnsigned());
      if (v == null) {
        throw new NumberFormatException("cannot convert string '" + str + "' to " + t.dslName());
      }
      return ofLong(t, v);
    }
    if (t.isFloat()) {
      if (type.isFloat()) {
        return ofDouble(t, dbl);
      }
      return t == ValueType.F32
          ? new Scalar(t, 0, Convert.toFloat(bits, type), null)
          : new Scalar(t, 0, Convert.toDouble(bits, type), null);
    }
    if (type.isFloat()) {
      return new Scalar(t, Convert.fromDouble(dbl, t), 0, null);
    }
    return new Scalar(t, Convert.narrow(bits, t), 0, null);
  }

  /** The C {@code to_string} rendering used for string conversion (floats with six decimals). */
  public String toDisplayString() {
    if (type == ValueType.STR) {
      return str;
    }
    if (type.isFloat()) {
      return Convert.fixed6(dbl);
    }
    return Convert.intToString(bits, type);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scalar s
        && s.type == type
        && s.bits == bits
        && Double.doubleToRawLongBits(s.dbl) == Double.doubleToRawLongBits(dbl)
        && Objects.equals(s.str, str);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, bits, Double.doubleToRawLongBits(dbl), str);
  }

  @Override
  public String toString() {
    return type.dslName() + ":" + toDisplayString();
  }
}
