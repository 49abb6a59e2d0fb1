package daphnegrid.kernels;

/** Column-wise running aggregates: res[0,j] = a[0,j], res[i,j] = op(res[i-1,j], a[i,j]). */
public enum CumOp {
  SUM("cumSum"),
  PROD("cumProd"),
  MIN("cumMin"),
  MAX("cumMax");

  private final String fn;

  CumOp(String fn) {
    this.fn = fn;
  }

  public String functionName() {
    return fn;
  }
}
