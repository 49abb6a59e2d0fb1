package daphnegrid.kernels;

import java.util.Random;

/**
 * Run by {@link VectorModuleTest} in a JVM of its own: prints the kernels chosen, whether the
 * Vector API's module was defined at run time, and whether a vector reduction over a row that is
 * not a multiple of the vector length gives the plain twin's bits.
 */
public final class VectorModuleProbe {
  private VectorModuleProbe() {}

  public static void main(String[] args) {
    double[] a = new double[1003];
    Random r = new Random(7);
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextDouble() - 0.5;
    }
    double chosen = Kernels.chosen().reductions().aggregate(AggOp.SUM, a, 0, a.length);
    double plain = Kernels.plain().reductions().aggregate(AggOp.SUM, a, 0, a.length);
    System.out.println("kernels " + Kernels.chosen().name());
    System.out.println("defined at run time " + VectorModule.definedAtRunTime());
    System.out.println(
        "same bits " + (Double.doubleToRawLongBits(chosen) == Double.doubleToRawLongBits(plain)));
  }
}
