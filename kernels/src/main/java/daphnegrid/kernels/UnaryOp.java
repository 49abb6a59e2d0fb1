package daphnegrid.kernels;

/** Elementwise unary operations (spec 6.3, 7.3). */
public enum UnaryOp {
  MINUS("minus", false),
  ABS("abs", false),
  SIGN("sign", false),
  EXP("exp", true),
  LN("ln", true),
  SQRT("sqrt", true),
  ROUND("round", false),
  FLOOR("floor", false),
  CEIL("ceil", false),
  SIN("sin", true),
  COS("cos", true),
  TAN("tan", true),
  ASIN("asin", true),
  ACOS("acos", true),
  ATAN("atan", true),
  SINH("sinh", true),
  COSH("cosh", true),
  TANH("tanh", true),
  ISNAN("isNan", false),
  LOWER("lower", false),
  UPPER("upper", false);

  private final String fn;
  private final boolean floating;

  UnaryOp(String fn, boolean floating) {
    this.fn = fn;
    this.floating = floating;
  }

  /** The DaphneDSL function name. */
  public String functionName() {
    return fn;
  }

  /** True for the math functions whose result is floating (f64 for non-float arguments). */
  public boolean isFloating() {
    return floating;
  }

  public boolean isStringOp() {
    return this == LOWER || this == UPPER;
  }

  /** Result (and computation) value type for an argument of type t. */
  public ValueType resultType(ValueType t) {
    if (floating) {
      return t.isFloat() ? t : ValueType.F64;
    }
    return t;
  }

  public static UnaryOp fromFunctionName(String name) {
    for (UnaryOp op : values()) {
      if (op.fn.equals(name)) {
        return op;
      }
    }
    return null;
  }
}
