package daphnegrid.kernels;

/**
 * The meaning of every elementwise operation on single values, per computation type (spec 6.3 to
 * 6.6). Scalar arithmetic in the interpreter calls these directly; the plain-loop kernels apply
 * them cell by cell and so serve as the reference the vectorized kernels are tested against.
 */
public final class ElementOps {
  private ElementOps() {}

  // ---- binary -------------------------------------------------------------------------------

  /** a op b in double arithmetic; comparisons give 1.0 or 0.0. */
  public static double f64(BinaryOp op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case POW -> Math.pow(a, b);
      case MOD -> a % b;
      case LOG -> Math.log(a) / Math.log(b);
      case MIN -> b < a ? b : a;
      case MAX -> a < b ? b : a;
      case EQ -> a == b ? 1.0 : 0.0;
      case NE -> a != b ? 1.0 : 0.0;
      case LT -> a < b ? 1.0 : 0.0;
      case LE -> a <= b ? 1.0 : 0.0;
      case GT -> a > b ? 1.0 : 0.0;
      case GE -> a >= b ? 1.0 : 0.0;
      case AND -> (truth(a) && truth(b)) ? 1.0 : 0.0;
      case OR -> (truth(a) || truth(b)) ? 1.0 : 0.0;
    };
  }

  /** a op b in float arithmetic. */
  public static float f32(BinaryOp op, float a, float b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case POW -> (float) Math.pow(a, b);
      case MOD -> a % b;
      case LOG -> (float) (Math.log(a) / Math.log(b));
      case MIN -> b < a ? b : a;
      case MAX -> a < b ? b : a;
      case EQ -> a == b ? 1f : 0f;
      case NE -> a != b ? 1f : 0f;
      case LT -> a < b ? 1f : 0f;
      case LE -> a <= b ? 1f : 0f;
      case GT -> a > b ? 1f : 0f;
      case GE -> a >= b ? 1f : 0f;
      case AND -> (truth(a) && truth(b)) ? 1f : 0f;
      case OR -> (truth(a) || truth(b)) ? 1f : 0f;
    };
  }

  /**
   * a op b for an integer or bool type t; a and b hold normalised values of t and the result is
   * normalised to t (wrap-around arithmetic, truncating division, fmod, pow through double).
   *
   * @throws KernelException on integer division or modulo by zero
   */
  public static long integer(BinaryOp op, long a, long b, ValueType t) {
    boolean u64 = t == ValueType.UI64 || t == ValueType.SIZE;
    long r =
        switch (op) {
          case ADD -> a + b;
          case SUB -> a - b;
          case MUL -> a * b;
          case DIV -> {
            if (b == 0) {
              throw new KernelException("division by zero in integer '/'");
            }
            yield u64 ? Long.divideUnsigned(a, b) : a / b;
          }
          case POW ->
              Convert.fromDouble(Math.pow(Convert.toDouble(a, t), Convert.toDouble(b, t)), t);
          case MOD -> {
            if (b == 0) {
              throw new KernelException("modulo by zero in integer '%'");
            }
            yield Convert.fromDouble(Convert.toDouble(a, t) % Convert.toDouble(b, t), t);
          }
          case LOG ->
              Convert.fromDouble(
                  Math.log(Convert.toDouble(a, t)) / Math.log(Convert.toDouble(b, t)), t);
          case MIN -> cmp(b, a, u64) < 0 ? b : a;
          case MAX -> cmp(a, b, u64) < 0 ? b : a;
          case EQ -> a == b ? 1 : 0;
          case NE -> a != b ? 1 : 0;
          case LT -> cmp(a, b, u64) < 0 ? 1 : 0;
          case LE -> cmp(a, b, u64) <= 0 ? 1 : 0;
          case GT -> cmp(a, b, u64) > 0 ? 1 : 0;
          case GE -> cmp(a, b, u64) >= 0 ? 1 : 0;
          case AND -> (a != 0 && b != 0) ? 1 : 0;
          case OR -> (a != 0 || b != 0) ? 1 : 0;
        };
    return Convert.narrow(r, t);
  }

  private static int cmp(long a, long b, boolean unsigned) {
    return unsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b);
  }

  /**
   * A comparison of two strings by bytes (UTF-8), giving 1 or 0.
   *
   * @throws KernelException for operations other than comparisons
   */
  public static long string(BinaryOp op, String a, String b) {
    if (!op.isComparison()) {
      throw new KernelException("operation '" + op.symbol() + "' is not supported on strings");
    }
    int c = compareBytes(a, b);
    boolean r =
        switch (op) {
          case EQ -> c == 0;
          case NE -> c != 0;
          case LT -> c < 0;
          case LE -> c <= 0;
          case GT -> c > 0;
          case GE -> c >= 0;
          default -> throw new AssertionError(op);
        };
    return r ? 1 : 0;
  }

  /** Lexicographic comparison of the UTF-8 bytes of two strings, as C's strcmp does. */
  public static int compareBytes(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x < 0x80 && y < 0x80) {
          return x - y;
        }
        return java.util.Arrays.compareUnsigned(
            a.substring(i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
            b.substring(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return a.length() - b.length();
  }

  private static boolean truth(double v) {
    return v != 0.0 || Double.isNaN(v);
  }

  // ---- unary --------------------------------------------------------------------------------

  /**
   * op(a) in double arithmetic.
   *
   * @throws KernelException for arguments outside the domain of sqrt, ln, asin and acos
   */
  public static double f64(UnaryOp op, double a) {
    return switch (op) {
      case MINUS -> -a;
      case ABS -> Math.abs(a);
      case SIGN -> Double.isNaN(a) ? a : (a > 0 ? 1.0 : (a < 0 ? -1.0 : 0.0));
      case EXP -> Math.exp(a);
      case LN -> {
        if (a < 0) {
          throw domain(op, a);
        }
        yield Math.log(a);
      }
      case SQRT -> {
        if (a < 0) {
          throw domain(op, a);
        }
        yield Math.sqrt(a);
      }
      case ROUND -> roundHalfAway(a);
      case FLOOR -> Math.floor(a);
      case CEIL -> Math.ceil(a);
      case SIN -> Math.sin(a);
      case COS -> Math.cos(a);
      case TAN -> Math.tan(a);
      case ASIN -> {
        if (a < -1 || a > 1) {
          throw domain(op, a);
        }
        yield Math.asin(a);
      }
      case ACOS -> {
        if (a < -1 || a > 1) {
          throw domain(op, a);
        }
        yield Math.acos(a);
      }
      case ATAN -> Math.atan(a);
      case SINH -> Math.sinh(a);
      case COSH -> Math.cosh(a);
      case TANH -> Math.tanh(a);
      case ISNAN -> Double.isNaN(a) ? 1.0 : 0.0;
      case LOWER, UPPER -> throw new KernelException(op.functionName() + " needs strings");
    };
  }

  /** op(a) for f32: computed in double where float has no function, then rounded. */
  public static float f32(UnaryOp op, float a) {
    return switch (op) {
      case MINUS -> -a;
      case ABS -> Math.abs(a);
      case FLOOR -> (float) Math.floor(a);
      case CEIL -> (float) Math.ceil(a);
      default -> (float) f64(op, a);
    };
  }

  /** op(a) for an integer or bool type t (floating ops never reach here: they compute in f64). */
  public static long integer(UnaryOp op, long a, ValueType t) {
    long r =
        switch (op) {
          case MINUS -> -a;
          case ABS -> t.isUnsigned() ? a : Math.abs(a);
          case SIGN -> t.isUnsigned() ? (a != 0 ? 1 : 0) : Long.signum(a);
          case ROUND, FLOOR, CEIL -> a;
          case ISNAN -> 0;
          default ->
              throw new KernelException(
                  op.functionName() + " is not defined for " + t.dslName() + " values");
        };
    return Convert.narrow(r, t);
  }

  /** ASCII case mapping of every character. */
  public static String string(UnaryOp op, String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (op == UnaryOp.LOWER && c >= 'A' && c <= 'Z') {
        c = (char) (c + 32);
      } else if (op == UnaryOp.UPPER && c >= 'a' && c <= 'z') {
        c = (char) (c - 32);
      } else if (op != UnaryOp.LOWER && op != UnaryOp.UPPER) {
        throw new KernelException(op.functionName() + " is not defined for strings");
      }
      b.append(c);
    }
    return b.toString();
  }

  /** C {@code round}: halfway cases away from zero. */
  public static double roundHalfAway(double a) {
    if (Double.isNaN(a) || Double.isInfinite(a)) {
      return a;
    }
    double m = Math.abs(a);
    double t = Math.floor(m);
    if (m - t >= 0.5) {
      t += 1.0;
    }
    return Math.copySign(t, a);
  }

  private static KernelException domain(UnaryOp op, double a) {
    return new KernelException(
        "invalid argument '"
            + Convert.fixed6(a).replaceAll("0+$", "").replaceAll("\\.$", "")
            + "' passed to unary func "
            + op.functionName());
  }

  // ---- scalars ------------------------------------------------------------------------------

  /**
   * a op b on scalars with DaphneDSL's promotion: {@code +} with a string operand concatenates,
   * comparisons of strings give si64, everything else converts both operands to {@link
   * BinaryOp#computeType} first.
   */
  public static Scalar apply(BinaryOp op, Scalar a, Scalar b) {
    ValueType ct = op.computeType(a.type(), b.type());
    if (ct == ValueType.STR) {
      if (op == BinaryOp.ADD) {
        return Scalar.str(a.toDisplayString() + b.toDisplayString());
      }
      return Scalar.si64(
          string(
              op, a.convert(ValueType.STR).stringValue(), b.convert(ValueType.STR).stringValue()));
    }
    Scalar x = a.convert(ct);
    Scalar y = b.convert(ct);
    return switch (ct) {
      case F64 -> Scalar.f64(f64(op, x.doubleValue(), y.doubleValue()));
      case F32 ->
          Scalar.ofDouble(ValueType.F32, f32(op, (float) x.doubleValue(), (float) y.doubleValue()));
      default -> Scalar.ofLong(ct, integer(op, x.bits(), y.bits(), ct));
    };
  }

  /** op(a) on a scalar; floating functions of non-float arguments compute in f64. */
  public static Scalar apply(UnaryOp op, Scalar a) {
    if (a.type() == ValueType.STR) {
      return Scalar.str(string(op, a.stringValue()));
    }
    ValueType rt = op.resultType(a.type());
    Scalar x = a.convert(rt);
    return switch (rt) {
      case F64 -> Scalar.f64(f64(op, x.doubleValue()));
      case F32 -> Scalar.ofDouble(ValueType.F32, f32(op, (float) x.doubleValue()));
      default -> Scalar.ofLong(rt, integer(op, x.bits(), rt));
    };
  }
}
