package daphnegrid.kernels.relational;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectGrouping} against the partials' path ({@link PartialAggregates#runPartials}, itself
 * checked against a plain reference in {@link PartialAggregatesTest}) and against a plain per-key
 * loop: the same keys in the same order, the same bits of every aggregate, with and without a
 * filter, with no pool and with pools of several threads.
 */
class DirectGroupingTest {
  private static final Aggregates.Fn SUM = Aggregates.Fn.SUM;
  private static final Aggregates.Fn COUNT = Aggregates.Fn.COUNT;
  private static final Aggregates.Fn MIN = Aggregates.Fn.MIN;
  private static final Aggregates.Fn MAX = Aggregates.Fn.MAX;
  private static final Aggregates.Fn MEAN = Aggregates.Fn.MEAN;

  /** k si64 in [base, base + span), v f64 (with -0, NaN, infinities), w si64, s str. */
  private static Frame frame(int n, long base, int span, Random r) {
    long[] k = new long[n];
    double[] v = new double[n];
    long[] w = new long[n];
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      k[i] = base + r.nextInt(span);
      int pick = r.nextInt(200);
      v[i] =
          pick == 0
              ? -0.0
              : pick == 1
                  ? Double.NaN
                  : pick == 2 ? Double.POSITIVE_INFINITY : r.nextGaussian() * 1e6;
      w[i] = r.nextInt(5) == 0 ? r.nextLong() : r.nextInt(1000) - 500;
      s[i] = "s" + r.nextInt(20);
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
          new PartialAggregates.Agg(COUNT, -1),
          new PartialAggregates.Agg(COUNT, 3),
          new PartialAggregates.Agg(MIN, 1),
          new PartialAggregates.Agg(MAX, 1),
          new PartialAggregates.Agg(MEAN, 1),
          new PartialAggregates.Agg(SUM, 2),
          new PartialAggregates.Agg(MIN, 2),
          new PartialAggregates.Agg(MAX, 2),
          new PartialAggregates.Agg(MEAN, 2));

  private static void assertSameBits(PartialAggregates.Result want, PartialAggregates.Result got) {
    assertEquals(want.groups(), got.groups());
    assertEquals(want.keys().size(), got.keys().size());
    for (int k = 0; k < want.keys().size(); k++) {
      assertColumn(want.keys().get(k), got.keys().get(k));
    }
    assertEquals(want.values().size(), got.values().size());
    for (int a = 0; a < want.values().size(); a++) {
      assertColumn(want.values().get(a), got.values().get(a));
    }
  }

  private static void assertColumn(Column want, Column got) {
    assertEquals(want.type(), got.type());
    assertEquals(want.size(), got.size());
    DenseMatrix w = want.toMatrix(), g = got.toMatrix();
    for (int i = 0; i < want.size(); i++) {
      if (want.type() == ValueType.F64) {
        assertEquals(
            Double.doubleToLongBits(w.getDouble(i)), Double.doubleToLongBits(g.getDouble(i)));
      } else {
        assertEquals(w.getLong(i), g.getLong(i));
      }
    }
  }

  private static final RowFilter[] FILTERS = {
    RowFilter.none(),
    new RowFilter(new int[] {1}, new RowFilter.Op[] {RowFilter.Op.GT}, new Object[] {-2e5}),
    new RowFilter(
        new int[] {3, 2},
        new RowFilter.Op[] {RowFilter.Op.NE, RowFilter.Op.LE},
        new Object[] {"s3", 100L}),
    new RowFilter(new int[] {1}, new RowFilter.Op[] {RowFilter.Op.GT}, new Object[] {1e300}),
  };

  @Test
  void sameBitsAsThePartialsPath() {
    Random r = new Random(5);
    ForkJoinPool two = new ForkJoinPool(2);
    ForkJoinPool three = new ForkJoinPool(3);
    try {
      for (int n : new int[] {1, 7, 1000, 5000, 70_001, 300_000}) {
        for (int span : new int[] {1, 9, 1000}) {
          Frame f = frame(n, span == 9 ? -4 : 1_000_000_000_000L, span, r);
          for (RowFilter filter : FILTERS) {
            PartialAggregates.Result want =
                PartialAggregates.runPartials(f, filter, new int[] {0}, AGGS, null);
            PartialAggregates.Result one = DirectGrouping.run(f, filter, new int[] {0}, AGGS, null);
            assertNotNull(one);
            assertSameBits(want, one);
            assertSameBits(want, DirectGrouping.run(f, filter, new int[] {0}, AGGS, two));
            assertSameBits(want, DirectGrouping.run(f, filter, new int[] {0}, AGGS, three));
            assertSameBits(want, PartialAggregates.run(f, filter, new int[] {0}, AGGS, two));
          }
        }
      }
    } finally {
      two.shutdown();
      three.shutdown();
    }
  }

  @Test
  void plainReferenceOfSumsAndCounts() {
    // keys 5, 3, 5, 4, 3 (block of them all): sums folded in row order from +0, keys ascending
    Frame f =
        Frame.of(
            List.of("k", "v"),
            List.of(
                Column.of(DenseMatrix.wrap(ValueType.SI64, 5, 1, new long[] {5, 3, 5, 4, 3})),
                Column.of(
                    DenseMatrix.wrap(
                        ValueType.F64, 5, 1, new double[] {0.1, -0.0, 0.2, 7.0, -0.0}))));
    PartialAggregates.Result r =
        DirectGrouping.run(
            f,
            RowFilter.none(),
            new int[] {0},
            List.of(
                new PartialAggregates.Agg(SUM, 1),
                new PartialAggregates.Agg(COUNT, 1),
                new PartialAggregates.Agg(MIN, 1)),
            null);
    assertNotNull(r);
    assertEquals(3, r.groups());
    assertArrayEquals(new long[] {3, 4, 5}, r.keys().get(0).toMatrix().i64());
    assertArrayEquals(
        new double[] {0.0 + -0.0 + -0.0, 7.0, 0.0 + 0.1 + 0.2}, r.values().get(0).toMatrix().f64());
    assertEquals(
        Double.doubleToRawLongBits(0.0),
        Double.doubleToRawLongBits(r.values().get(0).toMatrix().f64()[0]));
    assertArrayEquals(new long[] {2, 1, 2}, r.values().get(1).toMatrix().i64());
    assertEquals(
        Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(r.values().get(2).toMatrix().f64()[0]));
  }

  @Test
  void declinesWhatItDoesNotCover() {
    Random r = new Random(9);
    Frame f = frame(5000, 0, 100, r);
    int[] key = {0};
    // two keys, a str key, an f64 key
    assertNull(DirectGrouping.run(f, RowFilter.none(), new int[] {0, 2}, AGGS, null));
    assertNull(DirectGrouping.run(f, RowFilter.none(), new int[] {3}, AGGS, null));
    assertNull(DirectGrouping.run(f, RowFilter.none(), new int[] {1}, AGGS, null));
    // min of a str column
    assertNull(
        DirectGrouping.run(
            f, RowFilter.none(), key, List.of(new PartialAggregates.Agg(MIN, 3)), null));
    // keys spread wider than the slots allowed, also wider than a long holds
    long[] wide = f.column(0).toMatrix().i64().clone();
    wide[17] = DirectGrouping.maxRange(5000);
    Frame w = withKey(f, wide);
    assertNull(DirectGrouping.run(w, RowFilter.none(), key, AGGS, null));
    wide[17] = DirectGrouping.maxRange(5000) - 1;
    assertNotNull(DirectGrouping.run(withKey(f, wide), RowFilter.none(), key, AGGS, null));
    wide[17] = Long.MIN_VALUE;
    wide[18] = Long.MAX_VALUE;
    assertNull(DirectGrouping.run(withKey(f, wide), RowFilter.none(), key, AGGS, null));
    // the general path still answers them the same as before
    assertSameBits(
        PartialAggregates.runPartials(withKey(f, wide), RowFilter.none(), key, AGGS, null),
        PartialAggregates.run(withKey(f, wide), RowFilter.none(), key, AGGS, null));
    // no rows: the general path
    assertNull(DirectGrouping.run(frame(0, 0, 1, r), RowFilter.none(), key, AGGS, null));
  }

  /** The frame with its key column made by {@link Column#ofSi64} with the keys' true range. */
  private static Frame withKnownRange(Frame f) {
    long[] k = f.column(0).toMatrix().i64();
    long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
    for (long v : k) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return Frame.of(
        f.labels(),
        List.of(
            Column.ofSi64(DenseMatrix.wrap(ValueType.SI64, k.length, 1, k), min, max),
            f.column(1),
            f.column(2),
            f.column(3)));
  }

  @Test
  void aKnownKeyRangeGivesTheSameBitsAndTheSameDecisions() {
    Random r = new Random(11);
    ForkJoinPool two = new ForkJoinPool(2);
    try {
      for (int n : new int[] {1, 1000, 70_001}) {
        for (int span : new int[] {1, 9, 1000}) {
          Frame f = frame(n, span == 9 ? -4 : 1_000_000_000_000L, span, r);
          Frame known = withKnownRange(f);
          assertNotNull(((Column.Numeric) known.column(0)).range());
          for (RowFilter filter : FILTERS) {
            PartialAggregates.Result want =
                PartialAggregates.runPartials(f, filter, new int[] {0}, AGGS, null);
            assertSameBits(want, DirectGrouping.run(known, filter, new int[] {0}, AGGS, null));
            assertSameBits(want, DirectGrouping.run(known, filter, new int[] {0}, AGGS, two));
          }
        }
      }
    } finally {
      two.shutdown();
    }
    // a known range too wide for the slots declines as a scanned one does
    Frame f = frame(5000, 0, 100, r);
    long[] wide = f.column(0).toMatrix().i64().clone();
    wide[17] = DirectGrouping.maxRange(5000);
    assertNull(
        DirectGrouping.run(
            withKnownRange(withKey(f, wide)), RowFilter.none(), new int[] {0}, AGGS, null));
  }

  private static Frame withKey(Frame f, long[] k) {
    return Frame.of(
        f.labels(),
        List.of(
            Column.of(DenseMatrix.wrap(ValueType.SI64, k.length, 1, k)),
            f.column(1),
            f.column(2),
            f.column(3)));
  }
}
