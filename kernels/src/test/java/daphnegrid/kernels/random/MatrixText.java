package daphnegrid.kernels.random;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.format.NumberFormat;

/** Test helper: a matrix as DAPHNE prints it (header line, then one line per row). */
final class MatrixText {
  private MatrixText() {}

  static String of(DenseMatrix m) {
    StringBuilder sb = new StringBuilder(m.header()).append('\n');
    for (int r = 0; r < m.rows(); r++) {
      for (int c = 0; c < m.cols(); c++) {
        sb.append(c > 0 ? " " : "").append(NumberFormat.scalar(m.get(r, c)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}
