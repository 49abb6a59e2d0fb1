package daphnegrid.kernels;

/** Conversion of whole matrices between value types, cell by cell as {@link Convert} defines. */
public final class Casts {
  private Casts() {}

  /**
   * m converted to type t: m itself when it already has that type, else a new matrix.
   *
   * @throws KernelException when a string cell does not start with a number
   */
  public static DenseMatrix cast(DenseMatrix m, ValueType t) {
    if (m.type() == t) {
      return m;
    }
    DenseMatrix out = DenseMatrix.allocate(t, m.rows(), m.cols());
    castInto(m, out);
    return out;
  }

  /**
   * Writes m converted to out's value type into out (same shape).
   *
   * @throws KernelException when a string cell does not start with a number
   */
  public static void castInto(DenseMatrix m, DenseMatrix out) {
    ValueType t = out.type();
    int n = m.size();
    ValueType from = m.type();
    if (from == t) {
      System.arraycopy(m.data(), 0, out.data(), 0, n);
      return;
    }
    if (from == ValueType.STR || t == ValueType.STR) {
      for (int i = 0; i < n; i++) {
        try {
          out.set(i, m.get(i));
        } catch (NumberFormatException e) {
          throw new KernelException(e.getMessage());
        }
      }
      return;
    }
    if (from.isFloat()) {
      if (t == ValueType.F64) {
        float[] a = m.f32();
        double[] o = out.f64();
        for (int i = 0; i < n; i++) {
          o[i] = a[i];
        }
      } else if (t == ValueType.F32) {
        double[] a = m.f64();
        float[] o = out.f32();
        for (int i = 0; i < n; i++) {
          o[i] = (float) a[i];
        }
      } else if (from == ValueType.F64) {
        double[] a = m.f64();
        if (t == ValueType.SI64) {
          long[] o = out.i64();
          for (int i = 0; i < n; i++) {
            o[i] = Convert.fromDouble(a[i], t);
          }
        } else {
          for (int i = 0; i < n; i++) {
            out.setLong(i, Convert.fromDouble(a[i], t));
          }
        }
      } else {
        float[] a = m.f32();
        for (int i = 0; i < n; i++) {
          out.setLong(i, Convert.fromDouble(a[i], t));
        }
      }
      return;
    }
    // integer or bool source
    if (t == ValueType.F64) {
      double[] o = out.f64();
      if (from == ValueType.SI64) {
        long[] a = m.i64();
        for (int i = 0; i < n; i++) {
          o[i] = a[i];
        }
      } else {
        for (int i = 0; i < n; i++) {
          o[i] = Convert.toDouble(m.getLong(i), from);
        }
      }
    } else if (t == ValueType.F32) {
      float[] o = out.f32();
      for (int i = 0; i < n; i++) {
        o[i] = Convert.toFloat(m.getLong(i), from);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out.setLong(i, Convert.narrow(m.getLong(i), t));
      }
    }
  }
}
