package daphnegrid.kernels.relational;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relational kernels against plain references (nested loops, boxed maps) on seeded random
 * columns: empty, one row, odd sizes and one size above the parallel cut-over; few distinct keys
 * (many duplicates) and many; si64, si32, f64 (with -0 and NaN) and str keys; with and without a
 * pool.
 */
class RelationalTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(3);

  @AfterAll
  static void stopPool() {
    POOL.shutdown();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    int[] sizes = {0, 1, 13, 207, Relational.PARALLEL_MIN_ROWS + 77};
    ValueType[] types = {ValueType.SI64, ValueType.SI32, ValueType.F64, ValueType.STR};
    long seed = 1;
    for (int n : sizes) {
      for (ValueType t : types) {
        for (int distinct : new int[] {3, 1000}) {
          out.add(Arguments.of(n, t, distinct, seed++));
        }
      }
    }
    return out.stream();
  }

  static Column randomColumn(Random r, ValueType t, int n, int distinct) {
    switch (t) {
      case STR -> {
        String[] s = new String[n];
        for (int i = 0; i < n; i++)
          s[i] = r.nextInt(distinct) == 0 ? "" : "k" + r.nextInt(distinct);
        return Column.of(DenseMatrix.wrap(ValueType.STR, n, 1, s));
      }
      case F64 -> {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
          int k = r.nextInt(distinct + 2);
          d[i] = k == distinct ? -0.0 : k == distinct + 1 ? Double.NaN : k * 0.5 - 1;
        }
        return Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, d));
      }
      case SI32 -> {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = r.nextInt(distinct) - distinct / 2;
        return Column.of(DenseMatrix.wrap(ValueType.SI32, n, 1, v));
      }
      default -> {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = r.nextInt(distinct) - distinct / 2;
        return Column.of(DenseMatrix.wrap(ValueType.SI64, n, 1, v));
      }
    }
  }

  /** A boxed key value with SQL-grouping equality: -0 equals 0, NaN equals NaN. */
  static Object key(Column c, int i) {
    if (c instanceof StringColumn s) return s.string(i);
    if (c.type().isFloat()) {
      double d = c.toMatrix().getDouble(i);
      return d == 0 ? 0.0 : d;
    }
    return c.toMatrix().getLong(i);
  }

  static List<Object> rowKey(List<Column> cols, int i) {
    List<Object> k = new ArrayList<>();
    for (Column c : cols) k.add(key(c, i));
    return k;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void groupingMatchesFirstOccurrenceReference(int n, ValueType t, int distinct, long seed) {
    Random r = new Random(seed);
    List<Column> keys =
        List.of(randomColumn(r, t, n, distinct), randomColumn(r, ValueType.SI64, n, 2));
    Map<List<Object>, Integer> ref = new LinkedHashMap<>();
    int[] refGroup = new int[n];
    for (int i = 0; i < n; i++) {
      refGroup[i] = ref.computeIfAbsent(rowKey(keys, i), k -> ref.size());
    }
    for (ForkJoinPool pool : new ForkJoinPool[] {null, POOL}) {
      Relational.Grouping g = Relational.group(keys, pool);
      assertArrayEquals(refGroup, g.groupOf());
      assertEquals(ref.size(), g.groups());
      for (int k = 0; k < g.groups(); k++) assertEquals(k, refGroup[g.firstRow()[k]]);
      assertArrayEquals(g.firstRow(), Relational.distinct(keys, pool));
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void groupingByOneColumnMatchesReferenceInBothOrders(
      int n, ValueType t, int distinct, long seed) {
    Random r = new Random(seed);
    List<Column> keys = List.of(randomColumn(r, t, n, distinct));
    Map<List<Object>, Integer> ref = new LinkedHashMap<>();
    int[] refGroup = new int[n];
    for (int i = 0; i < n; i++) {
      refGroup[i] = ref.computeIfAbsent(rowKey(keys, i), k -> ref.size());
    }
    // Key order: the first rows of the groups sorted by their key (the plain reference sort).
    Integer[] byKey = new Integer[ref.size()];
    int[] firstOf = new int[ref.size()];
    java.util.Arrays.fill(firstOf, -1);
    for (int i = n - 1; i >= 0; i--) firstOf[refGroup[i]] = i;
    for (int g = 0; g < byKey.length; g++) byKey[g] = firstOf[g];
    Arrays.sort(byKey, (x, y) -> compareRef(keys.get(0), x, y));
    int[] rank = new int[byKey.length];
    for (int k = 0; k < byKey.length; k++) rank[refGroup[byKey[k]]] = k;
    int[] sortedGroup = new int[n];
    for (int i = 0; i < n; i++) sortedGroup[i] = rank[refGroup[i]];
    for (ForkJoinPool pool : new ForkJoinPool[] {null, POOL, new ForkJoinPool(2)}) {
      Relational.Grouping g = Relational.group(keys, pool);
      assertArrayEquals(refGroup, g.groupOf());
      assertArrayEquals(firstOf, g.firstRow());
      Relational.Grouping s = Relational.groupInKeyOrder(keys, pool);
      assertArrayEquals(sortedGroup, s.groupOf());
      assertArrayEquals(Arrays.stream(byKey).mapToInt(Integer::intValue).toArray(), s.firstRow());
      Relational.Grouping two = Relational.groupInKeyOrder(List.of(keys.get(0), keys.get(0)), pool);
      assertArrayEquals(sortedGroup, two.groupOf());
      assertArrayEquals(s.firstRow(), two.firstRow());
      if (pool != null && pool != POOL) {
        pool.shutdown();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void innerAndSemiJoinMatchNestedLoops(int n, ValueType t, int distinct, long seed) {
    Random r = new Random(seed);
    // Few distinct keys on two large sides would make a quadratic result: keep one side small.
    int m = (n > 10_000 && distinct < 100 ? 50 : n / 3) + (seed % 2 == 0 ? 1 : 0);
    // Both orders of sizes, so the table is built on either side.
    for (boolean swap : new boolean[] {false, true}) {
      int ln = swap ? m : n, rn = swap ? n : m;
      List<Column> lk = List.of(randomColumn(r, t, ln, distinct));
      List<Column> rk = List.of(randomColumn(r, t, rn, distinct));
      List<Integer> refL = new ArrayList<>(), refR = new ArrayList<>(), refSemi = new ArrayList<>();
      Map<Object, List<Integer>> byKey = new java.util.HashMap<>();
      for (int j = 0; j < rn; j++) {
        byKey.computeIfAbsent(key(rk.get(0), j), x -> new ArrayList<>()).add(j);
      }
      for (int i = 0; i < ln; i++) {
        List<Integer> js = byKey.getOrDefault(key(lk.get(0), i), List.of());
        for (int j : js) {
          refL.add(i);
          refR.add(j);
        }
        if (!js.isEmpty()) refSemi.add(i);
      }
      for (ForkJoinPool pool : new ForkJoinPool[] {null, POOL}) {
        Relational.Pairs p = Relational.innerJoin(lk, rk, pool);
        assertArrayEquals(ints(refL), p.left());
        assertArrayEquals(ints(refR), p.right());
        assertArrayEquals(ints(refSemi), Relational.semiJoin(lk, rk, pool));
      }
    }
  }

  @Test
  void joinsOnTwoKeysAndAcrossIntAndFloat() {
    Column a = Column.of(DenseMatrix.ofLongs(ValueType.SI64, 4, 1, 1, 1, 2, 2));
    Column b = Column.of(DenseMatrix.wrap(ValueType.STR, 4, 1, new String[] {"x", "y", "x", "y"}));
    Column c = Column.of(DenseMatrix.ofDoubles(3, 1, 2.0, 1.0, 2.0));
    Column d = Column.of(DenseMatrix.wrap(ValueType.STR, 3, 1, new String[] {"y", "y", "x"}));
    Relational.Pairs p = Relational.innerJoin(List.of(a, b), List.of(c, d), POOL);
    assertArrayEquals(new int[] {1, 2, 3}, p.left());
    assertArrayEquals(new int[] {1, 2, 0}, p.right());
    assertThrows(KernelException.class, () -> Relational.innerJoin(List.of(a), List.of(d), null));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void orderIsAStableSortByEveryKey(int n, ValueType t, int distinct, long seed) {
    Random r = new Random(seed);
    List<Column> keys =
        List.of(randomColumn(r, t, n, distinct), randomColumn(r, ValueType.SI32, n, 3));
    for (boolean[] asc : new boolean[][] {{true, true}, {false, true}, {true, false}}) {
      Integer[] ref = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      Arrays.sort(
          ref,
          (x, y) -> {
            for (int j = 0; j < 2; j++) {
              int c = compareRef(keys.get(j), x, y);
              if (c != 0) return asc[j] ? c : -c;
            }
            return 0;
          });
      for (ForkJoinPool pool : new ForkJoinPool[] {null, POOL}) {
        assertArrayEquals(
            Arrays.stream(ref).mapToInt(Integer::intValue).toArray(),
            Relational.order(keys, asc, pool));
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareRef(Column c, int x, int y) {
    Object a = key(c, x), b = key(c, y);
    if (c.type() == ValueType.STR) {
      return Arrays.compareUnsigned(
          ((String) a).getBytes(java.nio.charset.StandardCharsets.UTF_8),
          ((String) b).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return ((Comparable) a).compareTo(b);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aggregatesMatchSequentialFolds(int n, ValueType t, int distinct, long seed) {
    if (t == ValueType.STR) return;
    Random r = new Random(seed);
    Column keys = randomColumn(r, ValueType.SI64, n, distinct);
    Column vals = randomColumn(r, t, n, 50);
    Relational.Grouping g = Relational.group(List.of(keys), POOL);
    int groups = g.groups();
    for (Aggregates.Fn fn : Aggregates.Fn.values()) {
      Column got = Aggregates.apply(fn, vals, g.groupOf(), groups);
      assertEquals(groups, got.size());
      assertEquals(fn.resultType(t), got.type());
      for (int k = 0; k < groups; k++) {
        double want = reference(fn, vals, g.groupOf(), k);
        double have = got.toMatrix().getDouble(k);
        assertEquals(want, have, 0.0, fn + " of group " + k);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aggregatesOfARowRangeReadInPlaceEqualThoseOfItsSlice(
      int n, ValueType t, int distinct, long seed) {
    Random r = new Random(seed);
    Column keys = randomColumn(r, ValueType.SI64, n, distinct);
    Column vals = randomColumn(r, t, n, 50);
    int from = n / 3, to = n - n / 5;
    Relational.Grouping g = Relational.group(List.of(keys.slice(from, to)), null);
    int groups = g.groups();
    Column slice = vals.slice(from, to);
    for (Aggregates.Fn fn : Aggregates.Fn.values()) {
      boolean strOk =
          fn == Aggregates.Fn.MIN || fn == Aggregates.Fn.MAX || fn == Aggregates.Fn.COUNT;
      if (t == ValueType.STR && !strOk) continue;
      Column got = Aggregates.apply(fn, vals, from, g.groupOf(), groups);
      Column want = Aggregates.apply(fn, slice, g.groupOf(), groups);
      assertEquals(want.type(), got.type());
      assertEquals(groups, got.size());
      for (int k = 0; k < groups; k++) {
        if (t == ValueType.STR && fn != Aggregates.Fn.COUNT) {
          assertEquals(
              ((StringColumn) want).string(k), ((StringColumn) got).string(k), fn + " " + k);
        } else {
          assertEquals(
              want.toMatrix().getDouble(k), got.toMatrix().getDouble(k), 0.0, fn + " " + k);
          if (t != ValueType.STR) {
            assertEquals(
                reference(fn, slice, g.groupOf(), k),
                got.toMatrix().getDouble(k),
                0.0,
                fn + " of group " + k + " against the plain fold");
          }
        }
      }
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> Aggregates.apply(Aggregates.Fn.SUM, vals, n - 1, new int[2], 1));
  }

  static double reference(Aggregates.Fn fn, Column vals, int[] groupOf, int g) {
    DenseMatrix m = vals.toMatrix();
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i < groupOf.length; i++) if (groupOf[i] == g) xs.add(m.getDouble(i));
    boolean integral = !vals.type().isFloat();
    switch (fn) {
      case COUNT:
        return xs.size();
      case SUM:
        {
          double s = 0;
          for (double x : xs) s = integral ? (double) ((long) s + (long) x) : s + x;
          return s;
        }
      case MIN:
      case MAX:
        {
          double acc =
              fn == Aggregates.Fn.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
          for (double x : xs)
            acc = fn == Aggregates.Fn.MIN ? (x < acc ? x : acc) : (x > acc ? x : acc);
          return acc;
        }
      default:
        {
          double s = 0;
          for (double x : xs) s += x;
          double mean = s / xs.size();
          if (fn == Aggregates.Fn.MEAN) return mean;
          double q = 0;
          for (double x : xs) q += (x - mean) * (x - mean);
          return fn == Aggregates.Fn.VAR ? q / xs.size() : Math.sqrt(q / xs.size());
        }
    }
  }

  @Test
  void emptyGroupsGetTheNeutralElementAndStringsTheirExtremes() {
    Column v = Column.of(DenseMatrix.ofLongs(ValueType.SI64, 3, 1, 5, 7, 6));
    int[] groupOf = {0, 0, 2};
    assertEquals(
        Long.MAX_VALUE, Aggregates.apply(Aggregates.Fn.MIN, v, groupOf, 3).toMatrix().getLong(1));
    assertEquals(0, Aggregates.apply(Aggregates.Fn.SUM, v, groupOf, 3).toMatrix().getLong(1));
    assertEquals(12, Aggregates.apply(Aggregates.Fn.SUM, v, groupOf, 3).toMatrix().getLong(0));
    assertEquals(
        Double.NaN, Aggregates.apply(Aggregates.Fn.MEAN, v, groupOf, 3).toMatrix().getDouble(1));
    Column s = Column.of(DenseMatrix.wrap(ValueType.STR, 3, 1, new String[] {"b", "a", "c"}));
    Column mx = Aggregates.apply(Aggregates.Fn.MAX, s, new int[] {0, 0, 1}, 2);
    assertEquals("b", ((StringColumn) mx).string(0));
    assertEquals("c", ((StringColumn) mx).string(1));
    assertThrows(KernelException.class, () -> Aggregates.apply(Aggregates.Fn.SUM, s, groupOf, 3));
  }

  @Test
  void cartesianIsLhsMajorAndGatherKeepsLabels() {
    Relational.Pairs p = Relational.cartesian(2, 3);
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, p.left());
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, p.right());
    assertEquals(0, Relational.cartesian(0, 5).size());
    Frame f =
        Frame.of(
            List.of("a", "b"),
            List.of(
                Column.of(DenseMatrix.ofLongs(ValueType.SI64, 3, 1, 1, 2, 3)),
                Column.of(DenseMatrix.wrap(ValueType.STR, 3, 1, new String[] {"x", "y", "z"}))));
    int[] sel = Relational.selection(new boolean[] {true, false, true});
    assertArrayEquals(new int[] {0, 2}, sel);
    Frame g = Relational.gather(f, sel, POOL);
    assertEquals("Frame(2x2, [a:int64_t, b:std::string])", g.header());
    assertEquals("z", ((StringColumn) g.column(1)).string(1));
  }

  static int[] ints(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }
}
