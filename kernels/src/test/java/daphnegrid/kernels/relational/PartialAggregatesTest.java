package daphnegrid.kernels.relational;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
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
 * {@link PartialAggregates} against a plain reference: per key, each row block's rows folded in row
 * order from 0, the blocks folded in block order, keys ascending; the same bits with one thread,
 * many threads, and partials made block by block and combined.
 */
class PartialAggregatesTest {
  private static final Aggregates.Fn SUM = Aggregates.Fn.SUM;

  private static Frame frame(int n, Random r) {
    long[] k = new long[n];
    double[] v = new double[n];
    long[] w = new long[n];
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      k[i] = r.nextInt(9) - 4;
      v[i] = i % 97 == 0 ? -0.0 : r.nextGaussian() * 1e3;
      w[i] = r.nextLong();
      s[i] = "s" + r.nextInt(50);
    }
    return Frame.of(
        List.of("k", "v", "w", "s"),
        List.of(
            Column.of(DenseMatrix.wrap(ValueType.SI64, n, 1, k)),
            Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, v)),
            Column.of(DenseMatrix.wrap(ValueType.SI64, n, 1, w)),
            StringColumn.of(s, n)));
  }

  private static final List<PartialAggregates.Agg> AGGS =
      List.of(
          new PartialAggregates.Agg(SUM, 1),
          new PartialAggregates.Agg(Aggregates.Fn.COUNT, -1),
          new PartialAggregates.Agg(Aggregates.Fn.MIN, 1),
          new PartialAggregates.Agg(Aggregates.Fn.MAX, 3),
          new PartialAggregates.Agg(Aggregates.Fn.MEAN, 1),
          new PartialAggregates.Agg(SUM, 2));

  @Test
  void blockOrderedResultsEqualThePlainReference() {
    Random r = new Random(11);
    for (int n : new int[] {0, 1, 1000, 5000, 70_001}) {
      Frame f = frame(n, r);
      RowFilter filter =
          new RowFilter(new int[] {1}, new RowFilter.Op[] {RowFilter.Op.GT}, new Object[] {-800.0});
      PartialAggregates.Result one = PartialAggregates.run(f, filter, new int[] {0}, AGGS, null);
      PartialAggregates.Result many =
          PartialAggregates.run(f, filter, new int[] {0}, AGGS, new ForkJoinPool(4));
      // reference
      int rpb = RowBlocks.rowsPerBlock(n);
      TreeMap<Long, double[]> ref = new TreeMap<>(); // sum, count, min, mean sum, block sum, bsum2
      TreeMap<Long, String> max = new TreeMap<>();
      TreeMap<Long, Long> wsum = new TreeMap<>();
      double[] v = f.column(1).toMatrix().f64();
      long[] k = f.column(0).toMatrix().i64();
      long[] w = f.column(2).toMatrix().i64();
      StringColumn s = (StringColumn) f.column(3);
      for (int b0 = 0; b0 < n; b0 += rpb) {
        TreeMap<Long, Double> block = new TreeMap<>();
        for (int i = b0; i < Math.min(n, b0 + rpb); i++) {
          if (!(v[i] > -800.0)) continue;
          block.merge(k[i], v[i], (a, x) -> a + x);
          block.putIfAbsent(k[i], 0.0 + v[i]);
          double[] acc =
              ref.computeIfAbsent(k[i], x -> new double[] {0, 0, Double.POSITIVE_INFINITY});
          acc[1]++;
          if (v[i] < acc[2]) acc[2] = v[i];
          String cur = max.get(k[i]);
          if (cur == null || s.string(i).compareTo(cur) > 0) max.put(k[i], s.string(i));
          wsum.merge(k[i], w[i], Long::sum);
        }
        block.forEach((key, part) -> ref.get(key)[0] += part);
      }
      List<Long> keys = new ArrayList<>(ref.keySet());
      for (PartialAggregates.Result res : List.of(one, many)) {
        assertEquals(keys.size(), res.groups());
        for (int g = 0; g < keys.size(); g++) {
          long key = keys.get(g);
          double[] acc = ref.get(key);
          assertEquals(key, res.keys().get(0).toMatrix().getLong(g));
          double sum = res.values().get(0).toMatrix().f64()[g];
          assertEquals(Double.doubleToRawLongBits(acc[0]), Double.doubleToRawLongBits(sum));
          assertEquals((long) acc[1], res.values().get(1).toMatrix().getLong(g));
          assertEquals(acc[2], res.values().get(2).toMatrix().f64()[g]);
          assertEquals(max.get(key), ((StringColumn) res.values().get(3)).string(g));
          double mean = res.values().get(4).toMatrix().f64()[g];
          assertEquals(
              Double.doubleToRawLongBits(acc[0] / acc[1]), Double.doubleToRawLongBits(mean));
          assertEquals((long) wsum.get(key), res.values().get(5).toMatrix().getLong(g));
        }
      }
    }
  }

  @Test
  void partialsMadeBlockByBlockCombineToTheWholeRun() {
    Frame f = frame(9000, new Random(3));
    RowFilter none = RowFilter.none();
    List<Frame> parts = new ArrayList<>();
    for (int b = 0; b < RowBlocks.count(9000); b++) {
      parts.add(
          PartialAggregates.block(
              f.sliceRows((int) RowBlocks.start(9000, b), (int) RowBlocks.end(9000, b)),
              none,
              new int[] {3},
              AGGS));
    }
    List<ValueType> types = List.of(ValueType.SI64, ValueType.F64, ValueType.SI64, ValueType.STR);
    PartialAggregates.Result a = PartialAggregates.combine(parts, types, AGGS, 1);
    PartialAggregates.Result b = PartialAggregates.run(f, none, new int[] {3}, AGGS, null);
    assertEquals(50, a.groups());
    for (int j = 0; j < AGGS.size(); j++) {
      assertEquals(true, a.values().get(j).toMatrix().sameContents(b.values().get(j).toMatrix()));
    }
    // one block: the row-order fold of Aggregates
    Frame small = f.sliceRows(0, 1000);
    PartialAggregates.Result s = PartialAggregates.run(small, none, new int[] {0}, AGGS, null);
    Relational.Grouping g = Relational.groupInKeyOrder(List.of(small.column(0)), null);
    Column sum = Aggregates.apply(SUM, small.column(1), g.groupOf(), g.firstRow().length);
    assertEquals(true, sum.toMatrix().sameContents(s.values().get(0).toMatrix()));
  }

  @Test
  void withoutAKeyOneRowAlsoWhenNoRowPasses() {
    Frame f = frame(3000, new Random(4));
    RowFilter nothing =
        new RowFilter(new int[] {0}, new RowFilter.Op[] {RowFilter.Op.GT}, new Object[] {100L});
    List<PartialAggregates.Agg> aggs =
        List.of(
            new PartialAggregates.Agg(SUM, 1),
            new PartialAggregates.Agg(Aggregates.Fn.COUNT, -1),
            new PartialAggregates.Agg(Aggregates.Fn.MEAN, 2));
    PartialAggregates.Result r = PartialAggregates.run(f, nothing, new int[0], aggs, null);
    assertEquals(1, r.groups());
    assertEquals(0, r.keys().size());
    assertEquals(0.0, r.values().get(0).toMatrix().f64()[0]);
    assertEquals(0L, r.values().get(1).toMatrix().getLong(0));
    assertEquals(true, Double.isNaN(r.values().get(2).toMatrix().f64()[0]));
    List<PartialAggregates.Agg> strMin = List.of(new PartialAggregates.Agg(Aggregates.Fn.MIN, 3));
    assertThrows(
        KernelException.class, () -> PartialAggregates.run(f, nothing, new int[0], strMin, null));
    PartialAggregates.Result all =
        PartialAggregates.run(f, RowFilter.none(), new int[0], aggs, null);
    assertEquals(3000L, all.values().get(1).toMatrix().getLong(0));
  }

  @Test
  void severalKeyColumnsGroupInAscendingKeyOrderAsThePlainReference() {
    Random r = new Random(21);
    for (int n : new int[] {0, 1, 1000, 5000, 70_001}) {
      Frame f = frame(n, r);
      RowFilter filter =
          new RowFilter(new int[] {1}, new RowFilter.Op[] {RowFilter.Op.LT}, new Object[] {900.0});
      int[] keys = {3, 0}; // str, then si64
      PartialAggregates.Result one = PartialAggregates.run(f, filter, keys, AGGS, null);
      PartialAggregates.Result many =
          PartialAggregates.run(f, filter, keys, AGGS, new ForkJoinPool(3));
      // reference: per (s, k), each block's rows folded in row order, then the blocks in order
      int rpb = RowBlocks.rowsPerBlock(n);
      TreeMap<String, double[]> ref = new TreeMap<>(); // sum, count
      TreeMap<String, Long> wsum = new TreeMap<>();
      double[] v = f.column(1).toMatrix().f64();
      long[] k = f.column(0).toMatrix().i64();
      long[] w = f.column(2).toMatrix().i64();
      StringColumn s = (StringColumn) f.column(3);
      for (int b0 = 0; b0 < n; b0 += rpb) {
        TreeMap<String, Double> block = new TreeMap<>();
        for (int i = b0; i < Math.min(n, b0 + rpb); i++) {
          if (!(v[i] < 900.0)) continue;
          // "s7" < "s70" and k in -4..4: a composite text that sorts as (s, k) does
          String key = s.string(i) + "\u0000" + (char) ('a' + k[i] + 4);
          block.merge(key, v[i], (a, x) -> a + x);
          block.putIfAbsent(key, 0.0 + v[i]);
          ref.computeIfAbsent(key, x -> new double[2])[1]++;
          wsum.merge(key, w[i], Long::sum);
        }
        block.forEach((key, part) -> ref.get(key)[0] += part);
      }
      List<String> order = new ArrayList<>(ref.keySet());
      for (PartialAggregates.Result res : List.of(one, many)) {
        assertEquals(order.size(), res.groups());
        assertEquals(2, res.keys().size());
        for (int g = 0; g < order.size(); g++) {
          String key = order.get(g);
          assertEquals(
              key.substring(0, key.indexOf('\u0000')),
              ((StringColumn) res.keys().get(0)).string(g));
          assertEquals(
              key.charAt(key.length() - 1) - 'a' - 4, res.keys().get(1).toMatrix().getLong(g));
          double[] acc = ref.get(key);
          double sum = res.values().get(0).toMatrix().f64()[g];
          assertEquals(Double.doubleToRawLongBits(acc[0]), Double.doubleToRawLongBits(sum));
          assertEquals((long) acc[1], res.values().get(1).toMatrix().getLong(g));
          assertEquals((long) wsum.get(key), res.values().get(5).toMatrix().getLong(g));
        }
      }
    }
  }

  /**
   * Columns nobody reads (before, between and after the read ones) change nothing: run cuts only
   * the read columns into blocks, at their new positions.
   */
  @Test
  void columnsNobodyReadsChangeNothing() {
    Random r = new Random(31);
    for (int n : new int[] {0, 1, 5000, 70_001}) {
      Frame f = frame(n, r);
      String[] pad = new String[n];
      java.util.Arrays.fill(pad, "x");
      double[] more = new double[n];
      // wide: pad, k, more, v, w, pad, s (so k 0->1, v 1->3, w 2->4, s 3->6)
      Frame wide =
          Frame.of(
              List.of("p0", "k", "m", "v", "w", "p1", "s"),
              List.of(
                  StringColumn.of(pad, n),
                  f.column(0),
                  Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, more)),
                  f.column(1),
                  f.column(2),
                  StringColumn.of(pad, n),
                  f.column(3)));
      int[] to = {1, 3, 4, 6};
      List<PartialAggregates.Agg> wideAggs = new ArrayList<>();
      for (PartialAggregates.Agg a : AGGS) {
        wideAggs.add(new PartialAggregates.Agg(a.fn(), a.column() < 0 ? -1 : to[a.column()]));
      }
      RowFilter filter =
          new RowFilter(new int[] {1}, new RowFilter.Op[] {RowFilter.Op.GT}, new Object[] {-800.0});
      RowFilter wideFilter =
          new RowFilter(new int[] {3}, new RowFilter.Op[] {RowFilter.Op.GT}, new Object[] {-800.0});
      PartialAggregates.Result narrow =
          PartialAggregates.run(f, filter, new int[] {3, 0}, AGGS, new ForkJoinPool(2));
      PartialAggregates.Result got =
          PartialAggregates.run(wide, wideFilter, new int[] {6, 1}, wideAggs, new ForkJoinPool(2));
      assertEquals(narrow.groups(), got.groups(), "n=" + n);
      for (int c = 0; c < narrow.keys().size(); c++) {
        assertEquals(text(narrow.keys().get(c)), text(got.keys().get(c)), "key " + c + ", n=" + n);
      }
      for (int c = 0; c < narrow.values().size(); c++) {
        assertEquals(
            text(narrow.values().get(c)), text(got.values().get(c)), "aggregate " + c + ", n=" + n);
      }
    }
  }

  /** Every value of a column, exactly (doubles by their bits). */
  private static String text(Column c) {
    StringBuilder b = new StringBuilder(c.type().toString());
    for (int i = 0; i < c.size(); i++) {
      b.append(',');
      if (c.type() == ValueType.F64) {
        b.append(Double.doubleToRawLongBits(c.toMatrix().getDouble(i)));
      } else {
        b.append(c.get(i));
      }
    }
    return b.toString();
  }
}
