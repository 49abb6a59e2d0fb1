package daphnegrid.kernels.bench;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.Kernels;

/** Self-checks run after every measured iteration: a wrong kernel stops the benchmark. */
final class Checks {
  private Checks() {}

  static void verify(KernelBenchmarks b) {
    // recompute every kernel once with the plain twins and compare a sample of cells
    double[] ref = new double[b.x.length];
    double[] got = new double[b.x.length];
    for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.MIN}) {
      b.k.elementwise().binary(op, b.x, 0, b.y, 0, got, 0, got.length);
      for (int i = 0; i < got.length; i += 97) {
        same(ElementOps.f64(op, b.x[i], b.y[i]), got[i], op.name());
      }
    }
    b.k.elementwise().binaryRowVector(BinaryOp.SUB, b.x, 0, b.y, 0, got, 0, b.rows, b.cols);
    Kernels.plain()
        .elementwise()
        .binaryRowVector(BinaryOp.SUB, b.x, 0, b.y, 0, ref, 0, b.rows, b.cols);
    for (int i = 0; i < got.length; i += 89) {
      same(ref[i], got[i], "row vector");
    }
    same(
        Kernels.plain().reductions().aggregate(AggOp.SUM, b.x, 0, b.x.length),
        b.k.reductions().aggregate(AggOp.SUM, b.x, 0, b.x.length),
        "sum");
    double[] cm = new double[b.cols];
    Kernels.plain().reductions().columnAggregate(AggOp.MAX, b.x, 0, b.rows, b.cols, cm, 0, false);
    b.k.reductions().columnAggregate(AggOp.MAX, b.x, 0, b.rows, b.cols, b.colOut, 0, false);
    for (int c = 0; c < b.cols; c++) {
      same(cm[c], b.colOut[c], "column max");
    }
  }

  private static void same(double want, double got, String what) {
    if (Double.doubleToLongBits(want) != Double.doubleToLongBits(got)) {
      throw new IllegalStateException("self-check failed for " + what + ": " + got + " != " + want);
    }
  }
}
