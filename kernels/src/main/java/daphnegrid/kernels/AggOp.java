package daphnegrid.kernels;

/** Aggregations over all cells, each row (axis 0) or each column (axis 1) (spec 7.6). */
public enum AggOp {
  SUM("sum"),
  MIN("aggMin"),
  MAX("aggMax"),
  MEAN("mean"),
  VAR("var"),
  STDDEV("stddev"),
  IDXMIN("idxMin"),
  IDXMAX("idxMax");

  private final String fn;

  AggOp(String fn) {
    this.fn = fn;
  }

  public String functionName() {
    return fn;
  }

  public boolean isIndex() {
    return this == IDXMIN || this == IDXMAX;
  }

  /** Result value type for an argument of type t. */
  public ValueType resultType(ValueType t) {
    return switch (this) {
      case SUM, MIN, MAX -> t;
      case MEAN, VAR, STDDEV -> t == ValueType.F32 ? ValueType.F32 : ValueType.F64;
      case IDXMIN, IDXMAX -> ValueType.SIZE;
    };
  }
}
