package daphnegrid.io;

import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.io.FileFormat;
import daphnegrid.kernels.io.FrameCsvReader;
import daphnegrid.kernels.io.FrameCsvWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code readFrame} and {@code writeFrame} built-ins (spec 7.11, 10): the format from the file
 * name's extension (only {@code .csv}), the rows, labels and column types from the {@code .meta}
 * file.
 */
public final class FrameFiles {
  private FrameFiles() {}

  /**
   * {@code readFrame(fileName)}.
   *
   * @param parallel whether large files may be parsed on several threads
   * @throws KernelException for an unsupported extension, a missing or bad meta file, or a data
   *     file that does not match it
   */
  public static Frame read(String fileName, boolean parallel) {
    FileFormat.of(fileName);
    FrameMeta meta = MetaFile.readFrame(fileName);
    List<Column> cols =
        FrameCsvReader.read(
            Path.of(fileName), meta.numRows(), meta.types(), meta.labels(), parallel);
    if (cols.isEmpty()) {
      return Frame.empty((int) meta.numRows());
    }
    try {
      return Frame.of(meta.labels(), cols);
    } catch (IllegalArgumentException e) {
      throw new KernelException("readFrame: file '" + fileName + ".meta': " + e.getMessage());
    }
  }

  /**
   * {@code writeFrame(f, fileName)}: the data file, then its meta file, each replaced all or
   * nothing.
   */
  public static void write(Frame f, String fileName) {
    FileFormat.of(fileName);
    FrameCsvWriter.write(f, Path.of(fileName));
    List<daphnegrid.kernels.ValueType> types = new ArrayList<>();
    for (int j = 0; j < f.cols(); j++) {
      types.add(f.type(j));
    }
    MetaFile.writeFrame(fileName, f.rows(), f.labels(), types);
  }
}
