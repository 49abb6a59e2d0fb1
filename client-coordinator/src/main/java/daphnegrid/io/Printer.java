package daphnegrid.io;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.format.NumberFormat;
import java.io.IOException;

/** Interim matrix printer; replaced by the fast exact printer. */
public final class Printer {
  private Printer() {}

  public static void print(DenseMatrix m, Appendable out) throws IOException {
    out.append(m.header()).append('\n');
    int cols = m.cols();
    for (int r = 0; r < m.rows(); r++) {
      for (int c = 0; c < cols; c++) {
        if (c > 0) {
          out.append(' ');
        }
        out.append(NumberFormat.scalar(m.get(r * cols + c)));
      }
      out.append('\n');
    }
  }
}
