package daphnegrid.kernels.relational;

import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Parallel;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The relational kernels' facade. Inputs are frame columns; outputs are row positions (which the
 * caller gathers, see {@link #gather}) or groupings. A null pool runs everything on the calling
 * thread; results are the same either way (see the package note).
 */
public final class Relational {
  private Relational() {}

  /**
   * Inputs with fewer rows run on one thread: below this, forking costs more than the work (a hash
   * probe is a few ns per row).
   */
  public static final int PARALLEL_MIN_ROWS = 1 << 15;

  /** Which rows of a join's two sides go together, in lhs-major order (rhs order within). */
  public record Pairs(int[] left, int[] right) {
    public int size() {
      return left.length;
    }
  }

  /**
   * The rows' groups: groupOf[i] is the group of row i, groups numbered by first occurrence;
   * firstRow[g] is the first row of group g (ascending).
   */
  public record Grouping(int[] groupOf, int[] firstRow) {
    public int groups() {
      return firstRow.length;
    }
  }

  private static int partsFor(int rows, ForkJoinPool pool) {
    return rows < PARALLEL_MIN_ROWS ? 1 : Parallel.parts(pool);
  }

  /**
   * Groups rows by the values of the key columns (equal when all columns are equal; -0 equals 0,
   * NaN equals NaN). Parallel by hash partition: each part builds the table of its own keys over
   * all rows, so the result does not depend on the number of parts.
   */
  public static Grouping group(List<Column> keyColumns, ForkJoinPool pool) {
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException("grouping needs at least one key column");
    }
    if (keyColumns.size() == 1 && keyColumns.get(0).type() != daphnegrid.kernels.ValueType.STR) {
      Column c = keyColumns.get(0);
      return groupLongs(Keys.numbers(c, Keys.kindOf(c.type())), c.size(), null, pool);
    }
    Keys keys = Keys.of(keyColumns);
    int n = keys.rows;
    int[] hashes = keys.hashes(pool);
    int[] rep = new int[n];
    int parts = partsFor(n, pool);
    Parallel.forEach(
        pool,
        parts,
        p -> {
          // sized for few groups and grown as needed (as groupLongs): a table sized for the rows
          // costs every small grouping of many rows a large zeroed allocation
          KeyTable table = new KeyTable(keys, Math.min(n, 1 << 12));
          for (int i = 0; i < n; i++) {
            int h = hashes[i];
            if (partOf(h, parts) == p) {
              rep[i] = table.row(table.findOrAdd(i, h));
            }
          }
        });
    // rep[i] <= i, so one pass in row order numbers the groups by first occurrence.
    IntList first = new IntList(16);
    int[] groupOf = rep;
    for (int i = 0; i < n; i++) {
      int r = rep[i];
      if (r == i) {
        groupOf[i] = first.size();
        first.add(i);
      } else {
        groupOf[i] = groupOf[r];
      }
    }
    return new Grouping(groupOf, java.util.Arrays.copyOf(first.array(), first.size()));
  }

  /**
   * Groups rows as {@link #group} does, but numbers the groups in ascending key order (the order of
   * {@link #order} with all keys ascending, -0 and 0 being one key): DAPHNE's order for grouped
   * results, as it groups by sorting. firstRow[g] is the first row of group g (not ascending).
   */
  public static Grouping groupInKeyOrder(List<Column> keyColumns, ForkJoinPool pool) {
    if (keyColumns.size() == 1 && keyColumns.get(0).type() != daphnegrid.kernels.ValueType.STR) {
      Column c = keyColumns.get(0);
      return groupLongs(Keys.numbers(c, Keys.kindOf(c.type())), c.size(), c, pool);
    }
    Grouping g = group(keyColumns, pool);
    int[] rank = rankOfGroups(keyColumns, g.firstRow(), pool);
    int[] groupOf = g.groupOf();
    int n = groupOf.length, parts = partsFor(n, pool);
    Parallel.forEach(
        pool,
        parts,
        t -> {
          int from = Parallel.cut(n, parts, t, 1), to = Parallel.cut(n, parts, t + 1, 1);
          for (int i = from; i < to; i++) groupOf[i] = rank[groupOf[i]];
        });
    return new Grouping(groupOf, permute(g.firstRow(), rank));
  }

  /** rank[g]: the position of group g (first row firstRow[g]) in ascending key order. */
  private static int[] rankOfGroups(List<Column> keyColumns, int[] firstRow, ForkJoinPool pool) {
    List<Column> firstKeys = new ArrayList<>();
    for (Column c : keyColumns) firstKeys.add(c.gather(firstRow));
    boolean[] up = new boolean[keyColumns.size()];
    java.util.Arrays.fill(up, true);
    int[] order = order(firstKeys, up, pool);
    int[] rank = new int[order.length];
    for (int k = 0; k < order.length; k++) rank[order[k]] = k;
    return rank;
  }

  /** out[rank[g]] = a[g]. */
  private static int[] permute(int[] a, int[] rank) {
    int[] out = new int[a.length];
    for (int g = 0; g < a.length; g++) out[rank[g]] = a[g];
    return out;
  }

  /**
   * Grouping of one numeric key column (in its {@link Keys} encoding): each row range builds a
   * table of its own keys numbered by first occurrence in the range; the ranges' tables are then
   * merged in range order, which numbers the groups by first occurrence overall, and each range
   * renumbers its rows. Two passes over the rows, both in parallel; the result does not depend on
   * the number of ranges. With sortBy (the key column itself) the groups are numbered in ascending
   * key order instead, in the same renumbering pass.
   */
  private static Grouping groupLongs(long[] key, int n, Column sortBy, ForkJoinPool pool) {
    int parts = partsFor(n, pool);
    int[] groupOf = new int[n];
    LongTable[] local = new LongTable[parts];
    int[][] localFirst = new int[parts][];
    Parallel.forEach(
        pool,
        parts,
        t -> {
          int from = Parallel.cut(n, parts, t, 1), to = Parallel.cut(n, parts, t + 1, 1);
          LongTable table = new LongTable(Math.min(to - from, 1 << 12));
          IntList first = new IntList(16);
          for (int i = from; i < to; i++) {
            int g = table.findOrAdd(key[i]);
            if (g == first.size()) {
              first.add(i);
            }
            groupOf[i] = g;
          }
          local[t] = table;
          localFirst[t] = java.util.Arrays.copyOf(first.array(), first.size());
        });
    if (parts == 1 && sortBy == null) {
      return new Grouping(groupOf, localFirst[0]);
    }
    LongTable all = new LongTable(local[0].groups());
    IntList firstList = new IntList(local[0].groups());
    int[][] global = new int[parts][];
    for (int t = 0; t < parts; t++) {
      LongTable l = local[t];
      int[] map = new int[l.groups()];
      for (int g = 0; g < map.length; g++) {
        int a = all.findOrAdd(l.key(g));
        if (a == firstList.size()) {
          firstList.add(localFirst[t][g]);
        }
        map[g] = a;
      }
      global[t] = map;
    }
    int[] first = java.util.Arrays.copyOf(firstList.array(), firstList.size());
    if (sortBy != null) {
      int[] rank = rankOfGroups(List.of(sortBy), first, pool);
      for (int[] map : global) {
        for (int g = 0; g < map.length; g++) map[g] = rank[map[g]];
      }
      first = permute(first, rank);
    }
    Parallel.forEach(
        pool,
        parts,
        t -> {
          int from = Parallel.cut(n, parts, t, 1), to = Parallel.cut(n, parts, t + 1, 1);
          int[] map = global[t];
          for (int i = from; i < to; i++) groupOf[i] = map[groupOf[i]];
        });
    return new Grouping(groupOf, first);
  }

  private static int partOf(int h, int parts) {
    return parts == 1 ? 0 : (int) (((h >>> 16) * (long) parts) >>> 16);
  }

  /** The first row of each distinct key, in order of first occurrence. */
  public static int[] distinct(List<Column> keyColumns, ForkJoinPool pool) {
    return group(keyColumns, pool).firstRow();
  }

  private static Keys[] joinKeys(List<Column> left, List<Column> right) {
    if (left.size() != right.size() || left.isEmpty()) {
      throw new IllegalArgumentException("a join needs as many left as right key columns");
    }
    Keys.Kind[] kinds = new Keys.Kind[left.size()];
    for (int j = 0; j < kinds.length; j++) {
      kinds[j] = Keys.common(left.get(j).type(), right.get(j).type());
    }
    return new Keys[] {Keys.of(left, kinds), Keys.of(right, kinds)};
  }

  /**
   * Equi-join: every pair (l, r) whose key columns are all equal, in lhs-major order with rhs rows
   * in order within one lhs row (DAPHNE's innerJoin order). The hash table is built on the side
   * with fewer rows; the other side is probed in row ranges in parallel.
   */
  public static Pairs innerJoin(List<Column> leftKeys, List<Column> rightKeys, ForkJoinPool pool) {
    Keys[] k = joinKeys(leftKeys, rightKeys);
    Keys left = k[0], right = k[1];
    boolean buildRight = right.rows <= left.rows;
    Keys build = buildRight ? right : left;
    Keys probe = buildRight ? left : right;
    // Build side: its distinct keys, and its rows grouped by key in row order (CSR layout).
    int[] groupOf = new int[build.rows];
    java.util.function.IntUnaryOperator lookup;
    int groups;
    if (build.kinds.length == 1 && build.kinds[0] != Keys.Kind.STRING) {
      long[] bk = build.numbers[0], pk = probe.numbers[0];
      LongTable table = new LongTable(build.rows);
      for (int i = 0; i < build.rows; i++) {
        groupOf[i] = table.findOrAdd(bk[i]);
      }
      groups = table.groups();
      lookup = i -> table.find(pk[i]);
    } else {
      KeyTable table = new KeyTable(build, build.rows);
      for (int i = 0; i < build.rows; i++) {
        groupOf[i] = table.findOrAdd(i, build.hash(i));
      }
      groups = table.groups();
      lookup = i -> table.find(probe, i, probe.hash(i));
    }
    int[] start = new int[groups + 1];
    for (int g : groupOf) {
      start[g + 1]++;
    }
    for (int g = 0; g < groups; g++) {
      start[g + 1] += start[g];
    }
    int[] rowsByGroup = new int[build.rows];
    int[] fill = java.util.Arrays.copyOf(start, groups);
    for (int i = 0; i < build.rows; i++) {
      rowsByGroup[fill[groupOf[i]]++] = i;
    }
    int parts = partsFor(probe.rows, pool);
    IntList[] probeRows = new IntList[parts], buildRows = new IntList[parts];
    Parallel.forEach(
        pool,
        parts,
        t -> {
          int from = Parallel.cut(probe.rows, parts, t, 1);
          int to = Parallel.cut(probe.rows, parts, t + 1, 1);
          IntList pr = new IntList(to - from), br = new IntList(to - from);
          for (int i = from; i < to; i++) {
            int g = lookup.applyAsInt(i);
            if (g >= 0) {
              for (int s = start[g], e = start[g + 1]; s < e; s++) {
                pr.add(i);
                br.add(rowsByGroup[s]);
              }
            }
          }
          probeRows[t] = pr;
          buildRows[t] = br;
        });
    int[] p = IntList.concat(probeRows), b = IntList.concat(buildRows);
    if (buildRight) {
      return new Pairs(p, b);
    }
    // Probed in rhs order: a stable counting sort by lhs row gives lhs-major order.
    return sortPairsByLeft(b, p, left.rows);
  }

  private static Pairs sortPairsByLeft(int[] l, int[] r, int leftRows) {
    int[] start = new int[leftRows + 1];
    for (int x : l) {
      start[x + 1]++;
    }
    for (int i = 0; i < leftRows; i++) {
      start[i + 1] += start[i];
    }
    int[] outL = new int[l.length], outR = new int[r.length];
    for (int k = 0; k < l.length; k++) {
      int at = start[l[k]]++;
      outL[at] = l[k];
      outR[at] = r[k];
    }
    return new Pairs(outL, outR);
  }

  /** The lhs rows whose key has a match in rhs, in lhs order (each at most once). */
  public static int[] semiJoin(List<Column> leftKeys, List<Column> rightKeys, ForkJoinPool pool) {
    Keys[] k = joinKeys(leftKeys, rightKeys);
    Keys left = k[0], right = k[1];
    KeyTable table = new KeyTable(right, right.rows);
    for (int i = 0; i < right.rows; i++) {
      table.findOrAdd(i, right.hash(i));
    }
    int parts = partsFor(left.rows, pool);
    IntList[] out = new IntList[parts];
    Parallel.forEach(
        pool,
        parts,
        t -> {
          int from = Parallel.cut(left.rows, parts, t, 1);
          int to = Parallel.cut(left.rows, parts, t + 1, 1);
          IntList o = new IntList(16);
          for (int i = from; i < to; i++) {
            if (table.find(left, i, left.hash(i)) >= 0) {
              o.add(i);
            }
          }
          out[t] = o;
        });
    return IntList.concat(out);
  }

  /**
   * Group-join: the distinct lhs keys that occur in rhs, each with its first lhs row, in order of
   * first occurrence in lhs; matched[g] lists, per returned key, the rhs rows that match it, so the
   * caller can aggregate them. Returned as a grouping of the matching rhs rows: groupOf[r] is the
   * index of r's key among the returned keys, or -1 for rhs rows without a match.
   */
  public record GroupJoin(int[] leftRows, int[] groupOfRight) {}

  /** See {@link GroupJoin}. */
  public static GroupJoin groupJoin(List<Column> leftKeys, List<Column> rightKeys) {
    Keys[] k = joinKeys(leftKeys, rightKeys);
    Keys left = k[0], right = k[1];
    KeyTable table = new KeyTable(left, left.rows);
    for (int i = 0; i < left.rows; i++) {
      table.findOrAdd(i, left.hash(i));
    }
    int[] groupOfRight = new int[right.rows];
    boolean[] matched = new boolean[table.groups()];
    for (int i = 0; i < right.rows; i++) {
      int g = table.find(right, i, right.hash(i));
      groupOfRight[i] = g;
      if (g >= 0) {
        matched[g] = true;
      }
    }
    int[] renumber = new int[table.groups()];
    IntList rows = new IntList(16);
    for (int g = 0; g < renumber.length; g++) {
      renumber[g] = matched[g] ? rows.size() : -1;
      if (matched[g]) {
        rows.add(table.row(g));
      }
    }
    for (int i = 0; i < right.rows; i++) {
      if (groupOfRight[i] >= 0) {
        groupOfRight[i] = renumber[groupOfRight[i]];
      }
    }
    return new GroupJoin(java.util.Arrays.copyOf(rows.array(), rows.size()), groupOfRight);
  }

  /** All pairs, lhs-major: (0,0), (0,1), ..., (1,0), ... */
  public static Pairs cartesian(int leftRows, int rightRows) {
    long n = (long) leftRows * rightRows;
    if (n > Integer.MAX_VALUE - 16) {
      throw new KernelException(
          "the cartesian product of "
              + leftRows
              + " and "
              + rightRows
              + " rows is too large ("
              + n
              + " rows)");
    }
    int[] l = new int[(int) n], r = new int[(int) n];
    int at = 0;
    for (int i = 0; i < leftRows; i++) {
      for (int j = 0; j < rightRows; j++, at++) {
        l[at] = i;
        r[at] = j;
      }
    }
    return new Pairs(l, r);
  }

  /**
   * The stable order of the rows by the key columns (first column first), each ascending or
   * descending; strings by bytes, floats with NaN last (ascending). Parts of the rows are sorted in
   * parallel and merged; merge sort keeps equal rows in input order.
   */
  public static int[] order(List<Column> keyColumns, boolean[] ascending, ForkJoinPool pool) {
    return Sort.order(Keys.of(keyColumns), ascending, partsFor(rowsOf(keyColumns), pool), pool);
  }

  private static int rowsOf(List<Column> cols) {
    return cols.isEmpty() ? 0 : cols.get(0).size();
  }

  /** The positions of the set entries of mask, ascending. */
  public static int[] selection(boolean[] mask) {
    int count = 0;
    for (boolean b : mask) {
      if (b) count++;
    }
    int[] out = new int[count];
    int at = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) out[at++] = i;
    }
    return out;
  }

  /** The rows at positions of every column of f, columns in parallel for large results. */
  public static Frame gather(Frame f, int[] positions, ForkJoinPool pool) {
    int cols = f.cols();
    Column[] out = new Column[cols];
    int parts = positions.length < PARALLEL_MIN_ROWS ? 1 : Math.min(cols, Parallel.parts(pool));
    Parallel.forEach(
        pool,
        Math.max(parts, 1),
        t -> {
          for (int j = t; j < cols; j += Math.max(parts, 1)) {
            out[j] = f.column(j).gather(positions);
          }
        });
    List<Column> list = new ArrayList<>(List.of(out));
    return cols == 0 ? Frame.empty(positions.length) : Frame.of(f.labels(), list);
  }
}
