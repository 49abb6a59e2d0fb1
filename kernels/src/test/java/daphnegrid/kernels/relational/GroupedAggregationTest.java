package daphnegrid.kernels.relational;

import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Matrix grouped aggregation against per-cell loops, on odd shapes including 0 rows. */
class GroupedAggregationTest {
  @Test
  void everyFunctionMatchesAPlainLoop() {
    Random r = new Random(7);
    for (int n : new int[] {0, 1, 13, 207}) {
      for (int m : new int[] {1, 3}) {
        int groups = 4;
        double[] v = new double[n * m];
        long[] w = new long[n * m];
        int[] gid = new int[n];
        for (int i = 0; i < n * m; i++) {
          v[i] = r.nextInt(100) / 4.0 - 10;
          w[i] = r.nextInt(100) - 50;
        }
        for (int i = 0; i < n; i++) gid[i] = r.nextInt(3); // group 3 stays empty
        DenseMatrix dv = DenseMatrix.ofDoubles(n, m, v);
        DenseMatrix lw = DenseMatrix.ofLongs(ValueType.SI64, n, m, w);
        for (Aggregates.Fn fn : Aggregates.Fn.values()) {
          DenseMatrix got =
              GroupedAggregation.apply(fn, dv, gid, groups, fn.resultType(ValueType.F64));
          DenseMatrix gotL =
              GroupedAggregation.apply(fn, lw, gid, groups, fn.resultType(ValueType.SI64));
          for (int g = 0; g < groups; g++) {
            for (int j = 0; j < m; j++) {
              assertEquals(ref(fn, v, n, m, gid, g, j), got.getDouble(g * m + j), 1e-12);
              if (fn != Aggregates.Fn.MIN && fn != Aggregates.Fn.MAX) {
                double[] lv = new double[n * m];
                for (int i = 0; i < n * m; i++) lv[i] = w[i];
                assertEquals(ref(fn, lv, n, m, gid, g, j), gotL.getDouble(g * m + j), 1e-9);
              }
            }
          }
        }
      }
    }
  }

  static double ref(Aggregates.Fn fn, double[] v, int n, int m, int[] gid, int g, int j) {
    double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    int c = 0;
    for (int i = 0; i < n; i++) {
      if (gid[i] != g) continue;
      double x = v[i * m + j];
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
      c++;
    }
    double mean = sum / c, q = 0;
    for (int i = 0; i < n; i++) {
      if (gid[i] == g) q += (v[i * m + j] - mean) * (v[i * m + j] - mean);
    }
    return switch (fn) {
      case SUM -> sum;
      case COUNT -> c;
      case MIN -> min;
      case MAX -> max;
      case MEAN -> mean;
      case VAR -> q / c;
      case STDDEV -> Math.sqrt(q / c);
    };
  }
}
