package daphnegrid.kernels.relational;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.StringColumn;
import java.util.List;

/**
 * The key columns of a relational operation, in a form that hashes and compares rows without
 * boxing. Numeric columns become one long per row in one of three encodings, so that equal values
 * have equal bits: signed integers as their value, unsigned (ui64, size) as their bits compared
 * unsigned, floats as the bits of the double value with -0 folded into 0 and every NaN into one
 * NaN. Strings stay in their {@link StringColumn}.
 */
final class Keys {
  enum Kind {
    SIGNED,
    UNSIGNED,
    FLOAT,
    STRING
  }

  final int rows;
  final Kind[] kinds;
  final long[][] numbers; // per key column, null for strings
  final StringColumn[] strings; // per key column, null for numbers

  private Keys(int rows, Kind[] kinds, long[][] numbers, StringColumn[] strings) {
    this.rows = rows;
    this.kinds = kinds;
    this.numbers = numbers;
    this.strings = strings;
  }

  /** The encoding a column of type t gets on its own. */
  static Kind kindOf(ValueType t) {
    if (t == ValueType.STR) {
      return Kind.STRING;
    }
    if (t.isFloat()) {
      return Kind.FLOAT;
    }
    return t == ValueType.UI64 || t == ValueType.SIZE ? Kind.UNSIGNED : Kind.SIGNED;
  }

  /**
   * The common encoding of two key columns compared with each other (a join's left and right key):
   * equal kinds stay, numbers of different kinds compare as doubles, a string against a number is
   * an error.
   */
  static Kind common(ValueType a, ValueType b) {
    Kind ka = kindOf(a), kb = kindOf(b);
    if (ka == kb) {
      return ka;
    }
    if (ka == Kind.STRING || kb == Kind.STRING) {
      throw new KernelException(
          "cannot compare a column of type " + a.dslName() + " with one of type " + b.dslName());
    }
    return Kind.FLOAT;
  }

  /** The columns each in the encoding of its own type. */
  static Keys of(List<Column> columns) {
    Kind[] kinds = new Kind[columns.size()];
    for (int j = 0; j < kinds.length; j++) {
      kinds[j] = kindOf(columns.get(j).type());
    }
    return of(columns, kinds);
  }

  /** The columns in the given encodings (see {@link #common}). */
  static Keys of(List<Column> columns, Kind[] kinds) {
    int rows = columns.isEmpty() ? 0 : columns.get(0).size();
    long[][] numbers = new long[columns.size()][];
    StringColumn[] strings = new StringColumn[columns.size()];
    for (int j = 0; j < kinds.length; j++) {
      Column c = columns.get(j);
      if (c.size() != rows) {
        throw new IllegalArgumentException("key columns differ in length");
      }
      if (kinds[j] == Kind.STRING) {
        strings[j] = (StringColumn) c;
      } else {
        numbers[j] = numbers(c, kinds[j]);
      }
    }
    return new Keys(rows, kinds, numbers, strings);
  }

  /**
   * One numeric column in encoding kind (not STRING): the column's own array when it already holds
   * the encoding (si64, ui64, size as integers), else a new one. The caller must not modify it.
   */
  static long[] numbers(Column c, Kind kind) {
    DenseMatrix m = c.toMatrix();
    if (kind != Kind.FLOAT && m.type().storage() == ValueType.Storage.LONG) {
      return m.i64();
    }
    return encode(m, kind == Kind.FLOAT);
  }

  /** One long per value: the integer (or its bits), or the normalized double bits. */
  static long[] encode(DenseMatrix m, boolean asFloat) {
    int n = m.rows();
    long[] out = new long[n];
    ValueType t = m.type();
    switch (t.storage()) {
      case DOUBLE -> {
        double[] v = m.f64();
        for (int i = 0; i < n; i++) out[i] = floatBits(v[i]);
      }
      case FLOAT -> {
        float[] v = m.f32();
        for (int i = 0; i < n; i++) out[i] = floatBits(v[i]);
      }
      case LONG -> {
        long[] v = m.i64();
        if (asFloat) {
          boolean unsigned = t.isUnsigned();
          for (int i = 0; i < n; i++) {
            double d = unsigned && v[i] < 0 ? (v[i] >>> 1) * 2.0 + (v[i] & 1) : (double) v[i];
            out[i] = floatBits(d);
          }
        } else {
          System.arraycopy(v, 0, out, 0, n);
        }
      }
      case INT, BYTE -> {
        for (int i = 0; i < n; i++) out[i] = asFloat ? floatBits(m.getLong(i)) : m.getLong(i);
      }
      case STRING -> throw new IllegalStateException("strings are not encoded as numbers");
    }
    return out;
  }

  static long floatBits(double d) {
    if (d == 0) {
      return 0L; // -0 == 0
    }
    return Double.doubleToLongBits(d); // one NaN
  }

  static int mix(long x) {
    x *= 0x9E3779B97F4A7C15L;
    return (int) (x ^ (x >>> 29) ^ (x >>> 47));
  }

  /** The hash of row i; equal keys (in the same encodings) have equal hashes. */
  int hash(int i) {
    int h = 0x3C6EF372;
    for (int j = 0; j < kinds.length; j++) {
      int c = kinds[j] == Kind.STRING ? mix(strings[j].hashAt(i)) : mix(numbers[j][i]);
      h = h * 0x01000193 ^ c;
    }
    return h;
  }

  /** Hashes of all rows, row ranges in parallel. */
  int[] hashes(java.util.concurrent.ForkJoinPool pool) {
    int[] out = new int[rows];
    int parts = rows < Relational.PARALLEL_MIN_ROWS ? 1 : daphnegrid.kernels.Parallel.parts(pool);
    daphnegrid.kernels.Parallel.forEach(
        pool,
        parts,
        t -> {
          int from = daphnegrid.kernels.Parallel.cut(rows, parts, t, 1);
          int to = daphnegrid.kernels.Parallel.cut(rows, parts, t + 1, 1);
          for (int i = from; i < to; i++) out[i] = hash(i);
        });
    return out;
  }

  /** Whether row i here and row k of other (same encodings) hold equal keys. */
  boolean equal(int i, Keys other, int k) {
    for (int j = 0; j < kinds.length; j++) {
      if (kinds[j] == Kind.STRING) {
        if (!strings[j].equalsAt(i, other.strings[j], k)) {
          return false;
        }
      } else if (numbers[j][i] != other.numbers[j][k]) {
        return false;
      }
    }
    return true;
  }

  /** Order of value i against value k in key column j of this same set of keys. */
  int compare(int j, int i, int k) {
    return switch (kinds[j]) {
      case STRING -> strings[j].compareAt(i, strings[j], k);
      case SIGNED -> Long.compare(numbers[j][i], numbers[j][k]);
      case UNSIGNED -> Long.compareUnsigned(numbers[j][i], numbers[j][k]);
      case FLOAT ->
          Double.compare(
              Double.longBitsToDouble(numbers[j][i]), Double.longBitsToDouble(numbers[j][k]));
    };
  }
}
