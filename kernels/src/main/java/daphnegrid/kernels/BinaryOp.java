package daphnegrid.kernels;

/**
 * Elementwise binary operations. Both operands are converted to the computation type before the
 * kernel runs (see {@link #resultType}); the kernel is then homogeneous in that type, except string
 * comparisons, whose result is si64.
 */
public enum BinaryOp {
  ADD("+", "Add"),
  SUB("-", "Sub"),
  MUL("*", "Mul"),
  DIV("/", "Div"),
  POW("^", "Pow"),
  MOD("%", "Mod"),
  LOG("log", "Log"),
  MIN("min", "Min"),
  MAX("max", "Max"),
  EQ("==", "Eq"),
  NE("!=", "Neq"),
  LT("<", "Lt"),
  LE("<=", "Le"),
  GT(">", "Gt"),
  GE(">=", "Ge"),
  AND("&&", "And"),
  OR("||", "Or");

  private final String symbol;
  private final String outerSuffix;

  BinaryOp(String symbol, String outerSuffix) {
    this.symbol = symbol;
    this.outerSuffix = outerSuffix;
  }

  /** The operator or function name as written in DaphneDSL. */
  public String symbol() {
    return symbol;
  }

  /** The suffix of the matching outer function ({@code outerAdd}, ...). */
  public String outerSuffix() {
    return outerSuffix;
  }

  public boolean isComparison() {
    return switch (this) {
      case EQ, NE, LT, LE, GT, GE -> true;
      default -> false;
    };
  }

  public boolean isLogical() {
    return this == AND || this == OR;
  }

  /**
   * The type both operands are converted to before computing (spec 5.6): the most general one,
   * except {@code log} (floating: f64 for non-floats) and {@code &&}/{@code ||} (ui64 for floats
   * and size). String operands are only valid for comparisons and {@code +}.
   */
  public ValueType computeType(ValueType a, ValueType b) {
    ValueType mg = ValueType.mostGeneral(a, b);
    if (this == LOG) {
      return mg.isFloat() ? mg : ValueType.F64;
    }
    if (isLogical()) {
      return (mg.isFloat() || mg == ValueType.SIZE) ? ValueType.UI64 : mg;
    }
    return mg;
  }

  /** The value type of the result given the operand types (spec 5.6). */
  public ValueType resultType(ValueType a, ValueType b) {
    ValueType c = computeType(a, b);
    if (c == ValueType.STR && isComparison()) {
      return ValueType.SI64;
    }
    return c;
  }
}
