package daphnegrid.io;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.io.CsvReader;
import daphnegrid.kernels.io.CsvWriter;
import daphnegrid.kernels.io.FileFormat;
import java.nio.file.Path;

/**
 * The {@code readMatrix} and {@code write} built-ins for matrices: the format comes from the file
 * name's extension (only {@code .csv} so far), the shape and type from the {@code .meta} file. File
 * names are used as given, relative to the process's working directory.
 */
public final class MatrixFiles {
  private MatrixFiles() {}

  /**
   * {@code readMatrix(fileName)}.
   *
   * @throws KernelException for an unsupported extension, a missing or bad meta file, or a data
   *     file that does not match it
   */
  public static DenseMatrix read(String fileName) {
    FileFormat.of(fileName);
    MatrixMeta meta = MetaFile.read(fileName);
    return CsvReader.read(Path.of(fileName), meta.numRows(), meta.numCols(), meta.valueType());
  }

  /**
   * {@code write(m, fileName)}: the data file, then its meta file, each replaced all or nothing.
   *
   * @throws KernelException for an unsupported extension (before anything is written) or a file
   *     that cannot be written
   */
  public static void write(DenseMatrix m, String fileName) {
    FileFormat.of(fileName);
    CsvWriter.write(m, Path.of(fileName));
    MetaFile.write(fileName, m.rows(), m.cols(), m.type());
  }
}
