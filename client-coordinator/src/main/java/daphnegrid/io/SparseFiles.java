package daphnegrid.io;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.io.DaphneBinary;
import daphnegrid.kernels.io.MatrixMarket;
import daphnegrid.kernels.io.SparseCsv;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code readMatrix} of {@code .mtx} and {@code .dbdf} files, {@code write} of {@code .dbdf} files,
 * and sparse CSV (spec 10.3 to 10.5). The {@code .meta} file is required for all of them and must
 * agree with the data file's shape (and, for {@code .dbdf}, its value type). These files are read
 * and written on the coordinator, also under {@code --distributed}, except a large {@code .mtx}
 * file kept as CSR, which the grid members read ({@link
 * daphnegrid.runtime.SparseOps#readMatrixMarket}).
 */
public final class SparseFiles {
  private SparseFiles() {}

  /** True for the extensions this class reads ({@code mtx}, {@code dbdf}). */
  public static boolean reads(String fileName) {
    String ext = extension(fileName);
    return ext.equals("mtx") || ext.equals("dbdf");
  }

  /** True for the extensions this class writes ({@code dbdf}). */
  public static boolean writes(String fileName) {
    return extension(fileName).equals("dbdf");
  }

  /** The density the meta file gives ({@code numNonZeros} / cells), -1 if it has none. */
  public static double metaDensity(String fileName) {
    MatrixMeta meta = MetaFile.read(fileName);
    long nnz = MetaFile.numNonZeros(fileName);
    long cells = meta.numRows() * meta.numCols();
    return nnz < 0 || cells == 0 ? -1 : (double) nnz / cells;
  }

  /**
   * Reads an {@code .mtx} or {@code .dbdf} file: the contents as the file holds them (a Matrix
   * Market file as CSR).
   */
  public static DaphneBinary.Contents read(String fileName) {
    MatrixMeta meta = MetaFile.read(fileName);
    Path p = Path.of(fileName);
    DaphneBinary.Contents c =
        extension(fileName).equals("mtx")
            ? new DaphneBinary.Contents(null, MatrixMarket.readCsr(p, meta.valueType()))
            : DaphneBinary.read(p);
    if (c.rows() != meta.numRows() || c.cols() != meta.numCols()) {
      throw new KernelException(
          "the matrix in '"
              + fileName
              + "' is "
              + c.rows()
              + "x"
              + c.cols()
              + " but its meta file says "
              + meta.numRows()
              + "x"
              + meta.numCols());
    }
    if (c.type() != meta.valueType()) {
      throw new KernelException(
          "the matrix in '"
              + fileName
              + "' holds "
              + c.type().dslName()
              + " values but its meta file says "
              + meta.valueType().dslName());
    }
    return c;
  }

  /** A CSV file of row,col pairs, as DAPHNE reads it into a CSR matrix (spec 10.3). */
  public static CsrMatrix readSparseCsv(String fileName) {
    MatrixMeta meta = MetaFile.read(fileName);
    return SparseCsv.read(
        Path.of(fileName),
        (int) meta.numRows(),
        (int) meta.numCols(),
        MetaFile.numNonZeros(fileName),
        meta.valueType());
  }

  /** Writes a dense or CSR matrix as {@code .dbdf}, then its meta file. */
  public static void write(DenseMatrix dense, CsrMatrix csr, String fileName) {
    if (csr != null) {
      DaphneBinary.write(csr, Path.of(fileName));
      MetaFile.write(fileName, csr.rows(), csr.cols(), csr.type());
    } else {
      DaphneBinary.write(dense, Path.of(fileName));
      MetaFile.write(fileName, dense.rows(), dense.cols(), dense.type());
    }
  }

  private static String extension(String fileName) {
    int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    int dot = fileName.lastIndexOf('.');
    return dot > slash ? fileName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }
}
