package daphnegrid.sql;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.StringColumn;

/**
 * Arithmetic and comparisons of query values, one loop over primitive arrays per operation.
 * Integers compute in si64 and anything with a float in f64 (DAPHNE's promotion for si64 and f64
 * operands); integer division truncates and division by zero is an error.
 */
final class ColumnOps {
  private ColumnOps() {}

  enum Arith {
    ADD,
    SUB,
    MUL,
    DIV,
    MOD
  }

  enum Cmp {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE;

    boolean test(int c) {
      return switch (this) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
      };
    }
  }

  static long[] longs(Val v, int n) {
    if (v instanceof Val.Const k) {
      long[] a = new long[n];
      java.util.Arrays.fill(a, ((Number) k.v()).longValue());
      return a;
    }
    DenseMatrix m = ((Val.Col) v).c().toMatrix();
    if (m.type().storage() == ValueType.Storage.LONG) {
      return m.i64();
    }
    long[] a = new long[n];
    for (int i = 0; i < n; i++) a[i] = m.getLong(i);
    return a;
  }

  static double[] doubles(Val v, int n) {
    if (v instanceof Val.Const k) {
      double[] a = new double[n];
      java.util.Arrays.fill(a, ((Number) k.v()).doubleValue());
      return a;
    }
    DenseMatrix m = ((Val.Col) v).c().toMatrix();
    if (m.type() == ValueType.F64) {
      return m.f64();
    }
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = m.getDouble(i);
    return a;
  }

  /** a op b over n rows; both numeric. Throws ArithmeticException for an integer division by 0. */
  static Val arith(Arith op, Val a, Val b, int n) {
    if (a instanceof Val.Const x && b instanceof Val.Const y) {
      return new Val.Const(constArith(op, (Number) x.v(), (Number) y.v()));
    }
    if (a.isFloat() || b.isFloat()) {
      double[] x = doubles(a, n), y = doubles(b, n), out = new double[n];
      switch (op) {
        case ADD -> {
          for (int i = 0; i < n; i++) out[i] = x[i] + y[i];
        }
        case SUB -> {
          for (int i = 0; i < n; i++) out[i] = x[i] - y[i];
        }
        case MUL -> {
          for (int i = 0; i < n; i++) out[i] = x[i] * y[i];
        }
        case DIV -> {
          for (int i = 0; i < n; i++) out[i] = x[i] / y[i];
        }
        case MOD -> {
          for (int i = 0; i < n; i++) out[i] = x[i] % y[i];
        }
      }
      return new Val.Col(Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, out)));
    }
    long[] x = longs(a, n), y = longs(b, n), out = new long[n];
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) out[i] = x[i] + y[i];
      }
      case SUB -> {
        for (int i = 0; i < n; i++) out[i] = x[i] - y[i];
      }
      case MUL -> {
        for (int i = 0; i < n; i++) out[i] = x[i] * y[i];
      }
      case DIV -> {
        for (int i = 0; i < n; i++) out[i] = x[i] / y[i];
      }
      case MOD -> {
        for (int i = 0; i < n; i++) out[i] = x[i] % y[i];
      }
    }
    return new Val.Col(Column.of(DenseMatrix.wrap(ValueType.SI64, n, 1, out)));
  }

  private static Number constArith(Arith op, Number x, Number y) {
    if (x instanceof Double || y instanceof Double) {
      double a = x.doubleValue(), b = y.doubleValue();
      return switch (op) {
        case ADD -> a + b;
        case SUB -> a - b;
        case MUL -> a * b;
        case DIV -> a / b;
        case MOD -> a % b;
      };
    }
    long a = x.longValue(), b = y.longValue();
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case MOD -> a % b;
    };
  }

  /** The rows where a op b holds; both numeric or both strings (the caller checks). */
  static boolean[] compare(Cmp op, Val a, Val b, int n) {
    boolean[] out = new boolean[n];
    if (a.isString()) {
      StringColumn x = strings(a), y = strings(b);
      boolean xc = a instanceof Val.Const, yc = b instanceof Val.Const;
      for (int i = 0; i < n; i++) out[i] = op.test(x.compareAt(xc ? 0 : i, y, yc ? 0 : i));
      return out;
    }
    if (a.isFloat() || b.isFloat()) {
      double[] x = doubles(a, n), y = doubles(b, n);
      switch (op) {
        case EQ -> {
          for (int i = 0; i < n; i++) out[i] = x[i] == y[i];
        }
        case NE -> {
          for (int i = 0; i < n; i++) out[i] = x[i] != y[i];
        }
        case LT -> {
          for (int i = 0; i < n; i++) out[i] = x[i] < y[i];
        }
        case LE -> {
          for (int i = 0; i < n; i++) out[i] = x[i] <= y[i];
        }
        case GT -> {
          for (int i = 0; i < n; i++) out[i] = x[i] > y[i];
        }
        case GE -> {
          for (int i = 0; i < n; i++) out[i] = x[i] >= y[i];
        }
      }
      return out;
    }
    long[] x = longs(a, n), y = longs(b, n);
    switch (op) {
      case EQ -> {
        for (int i = 0; i < n; i++) out[i] = x[i] == y[i];
      }
      case NE -> {
        for (int i = 0; i < n; i++) out[i] = x[i] != y[i];
      }
      case LT -> {
        for (int i = 0; i < n; i++) out[i] = x[i] < y[i];
      }
      case LE -> {
        for (int i = 0; i < n; i++) out[i] = x[i] <= y[i];
      }
      case GT -> {
        for (int i = 0; i < n; i++) out[i] = x[i] > y[i];
      }
      case GE -> {
        for (int i = 0; i < n; i++) out[i] = x[i] >= y[i];
      }
    }
    return out;
  }

  private static StringColumn strings(Val v) {
    if (v instanceof Val.Const k) {
      return StringColumn.of(new String[] {(String) k.v()}, 1);
    }
    return (StringColumn) ((Val.Col) v).c();
  }

  static boolean[] and(boolean[] a, boolean[] b) {
    boolean[] out = new boolean[a.length];
    for (int i = 0; i < a.length; i++) out[i] = a[i] & b[i];
    return out;
  }

  static boolean[] or(boolean[] a, boolean[] b) {
    boolean[] out = new boolean[a.length];
    for (int i = 0; i < a.length; i++) out[i] = a[i] | b[i];
    return out;
  }

  static boolean[] not(boolean[] a) {
    boolean[] out = new boolean[a.length];
    for (int i = 0; i < a.length; i++) out[i] = !a[i];
    return out;
  }
}
