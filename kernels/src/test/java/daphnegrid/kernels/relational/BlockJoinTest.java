package daphnegrid.kernels.relational;

import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockJoin} against a nested-loop reference: the parts of the blocks put together are the
 * join in its order (left-major, right rows in order) with the blocked side on either side, and
 * GROUP BY after the join is each block's joined rows folded in the join's order, then the blocks
 * in block order; the same bits with one thread and many.
 */
class BlockJoinTest {
  /** The blocked side: k (si64 0..29), v (f64), s (str). */
  private static Frame big(int n, Random r) {
    long[] k = new long[n];
    double[] v = new double[n];
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      k[i] = r.nextInt(30);
      v[i] = r.nextGaussian() * 1e3;
      s[i] = "s" + r.nextInt(4);
    }
    return Frame.of(
        List.of("k", "v", "s"),
        List.of(
            Column.of(DenseMatrix.wrap(ValueType.SI64, n, 1, k)),
            Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, v)),
            StringColumn.of(s, n)));
  }

  /** The other side: id (si64 0..34, repeated), w (f64). */
  private static Frame small(int n, Random r) {
    long[] id = new long[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      id[i] = r.nextInt(35);
      w[i] = r.nextInt(100) * 0.5;
    }
    return Frame.of(
        List.of("id", "w"),
        List.of(
            Column.of(DenseMatrix.wrap(ValueType.SI64, n, 1, id)),
            Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, w))));
  }

  private static final RowFilter FILTER =
      new RowFilter(new int[] {1}, new RowFilter.Op[] {RowFilter.Op.GT}, new Object[] {-1500.0});
  private static final int[] KEEP = {0, 1}; // k, v

  /** The pairs (left row, right row) of the join, left-major, by nested loops. */
  private static List<int[]> pairs(long[] lk, long[] rk, boolean[] leftOk, boolean[] rightOk) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < lk.length; i++) {
      for (int j = 0; j < rk.length; j++) {
        if (leftOk[i] && rightOk[j] && lk[i] == rk[j]) out.add(new int[] {i, j});
      }
    }
    return out;
  }

  @Test
  void partsInBlockOrderAreTheJoinWithTheBlockedSideOnEitherSide() {
    Random r = new Random(5);
    for (int n : new int[] {0, 1, 1000, 3000, 9001}) {
      Frame f = big(n, r);
      Frame d = small(40, r);
      long[] k = f.column(0).toMatrix().i64();
      double[] v = f.column(1).toMatrix().f64();
      long[] id = d.column(0).toMatrix().i64();
      boolean[] pass = new boolean[n];
      for (int i = 0; i < n; i++) pass[i] = v[i] > -1500.0;
      boolean[] all = new boolean[id.length];
      java.util.Arrays.fill(all, true);
      List<Frame> left = new ArrayList<>(), right = new ArrayList<>();
      for (int b = 0; b < Math.max(1, RowBlocks.count(n)); b++) {
        Frame block =
            f.sliceRows((int) RowBlocks.start(n, b), (int) Math.min(n, RowBlocks.end(n, b)));
        left.add(BlockJoin.leftPart(block, FILTER, KEEP, new int[] {0}, d, new int[] {0}));
        right.add(BlockJoin.rightPart(block, FILTER, KEEP, new int[] {0}, d, new int[] {0}));
      }
      // blocked side on the left: f JOIN d
      Frame lj = daphnegrid.kernels.frame.Frames.concatRows(left);
      List<int[]> lp = pairs(k, id, pass, all);
      assertEquals(lp.size(), lj.rows());
      for (int i = 0; i < lp.size(); i++) {
        assertEquals(k[lp.get(i)[0]], lj.column(0).toMatrix().getLong(i));
        assertEquals(v[lp.get(i)[0]], lj.column(1).toMatrix().f64()[i]);
        assertEquals(d.column(1).toMatrix().f64()[lp.get(i)[1]], lj.column(3).toMatrix().f64()[i]);
      }
      // blocked side on the right: d JOIN f
      Frame rj = BlockJoin.inLeftOrder(right, d);
      List<int[]> rp = pairs(id, k, all, pass);
      assertEquals(rp.size(), rj.rows());
      assertEquals(4, rj.cols());
      for (int i = 0; i < rp.size(); i++) {
        assertEquals(id[rp.get(i)[0]], rj.column(0).toMatrix().getLong(i));
        assertEquals(d.column(1).toMatrix().f64()[rp.get(i)[0]], rj.column(1).toMatrix().f64()[i]);
        assertEquals(v[rp.get(i)[1]], rj.column(3).toMatrix().f64()[i]);
      }
    }
  }

  @Test
  void groupingAfterTheJoinFoldsEachBlockThenTheBlocks() {
    Random r = new Random(8);
    ForkJoinPool pool = new ForkJoinPool(4);
    List<PartialAggregates.Agg> aggs =
        List.of(
            new PartialAggregates.Agg(Aggregates.Fn.SUM, 1), // f.v
            new PartialAggregates.Agg(Aggregates.Fn.COUNT, -1));
    for (boolean blockLeft : new boolean[] {true, false}) {
      for (int n : new int[] {0, 700, 5000, 20_011}) {
        Frame f = big(n, r);
        Frame d = small(50, r);
        long[] k = f.column(0).toMatrix().i64();
        double[] v = f.column(1).toMatrix().f64();
        long[] id = d.column(0).toMatrix().i64();
        double[] w = d.column(1).toMatrix().f64();
        // joined columns: f.k, f.v, d.id, d.w (f on the left) or d.id, d.w, f.k, f.v
        int[] groupKeys = blockLeft ? new int[] {3} : new int[] {1}; // d.w
        List<PartialAggregates.Agg> a =
            blockLeft
                ? aggs
                : List.of(new PartialAggregates.Agg(Aggregates.Fn.SUM, 3), aggs.get(1));
        PartialAggregates.Result one =
            BlockJoin.aggregate(
                f, FILTER, KEEP, new int[] {0}, d, new int[] {0}, blockLeft, groupKeys, a, null);
        PartialAggregates.Result many =
            BlockJoin.aggregate(
                f, FILTER, KEEP, new int[] {0}, d, new int[] {0}, blockLeft, groupKeys, a, pool);
        // reference: per block of f, the joined rows in the join's order
        TreeMap<Double, double[]> ref = new TreeMap<>(); // sum, count
        int rpb = RowBlocks.rowsPerBlock(n);
        for (int b0 = 0; b0 < n; b0 += rpb) {
          int b1 = Math.min(n, b0 + rpb);
          TreeMap<Double, Double> block = new TreeMap<>();
          List<int[]> ps = new ArrayList<>(); // (f row, d row) in the join's order
          if (blockLeft) {
            for (int i = b0; i < b1; i++) {
              for (int j = 0; j < id.length; j++) {
                if (v[i] > -1500.0 && k[i] == id[j]) ps.add(new int[] {i, j});
              }
            }
          } else {
            for (int j = 0; j < id.length; j++) {
              for (int i = b0; i < b1; i++) {
                if (v[i] > -1500.0 && k[i] == id[j]) ps.add(new int[] {i, j});
              }
            }
          }
          for (int[] p : ps) {
            double key = w[p[1]] == 0.0 ? 0.0 : w[p[1]];
            block.merge(key, v[p[0]], Double::sum);
            block.putIfAbsent(key, v[p[0]]);
            ref.computeIfAbsent(key, x -> new double[2])[1]++;
          }
          block.forEach((key, s) -> ref.get(key)[0] += s);
        }
        for (PartialAggregates.Result res : List.of(one, many)) {
          assertEquals(ref.size(), res.groups());
          int g = 0;
          for (var e : ref.entrySet()) {
            assertEquals(e.getKey(), res.keys().get(0).toMatrix().f64()[g]);
            assertEquals(
                Double.doubleToRawLongBits(e.getValue()[0]),
                Double.doubleToRawLongBits(res.values().get(0).toMatrix().f64()[g]),
                "group " + e.getKey() + " n " + n);
            assertEquals((long) e.getValue()[1], res.values().get(1).toMatrix().getLong(g));
            g++;
          }
        }
      }
    }
  }
}
