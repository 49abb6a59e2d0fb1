package daphnegrid.io;

import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
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
    FrameMeta meta = meta(fileName);
    return read(fileName, meta.numRows(), meta.labels(), meta.types(), parallel);
  }

  /**
   * The meta file of a frame's data file, checked: a known extension, labels that are unique, rows
   * that a frame can hold.
   *
   * @throws KernelException if not
   */
  public static FrameMeta meta(String fileName) {
    FileFormat.of(fileName);
    FrameMeta meta = MetaFile.readFrame(fileName);
    if (meta.numRows() > Integer.MAX_VALUE - 16) {
      throw new KernelException("readFrame: a frame cannot hold " + meta.numRows() + " rows");
    }
    String repeated = repeated(meta);
    if (repeated != null) {
      throw new KernelException("readFrame: file '" + fileName + ".meta': " + repeated);
    }
    return meta;
  }

  /** The message Frame.of gives for meta's first repeated label, or null. */
  private static String repeated(FrameMeta meta) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String l : meta.labels()) {
      if (!seen.add(l)) {
        return "frame column labels must be unique, but '" + l + "' appears twice";
      }
    }
    return null;
  }

  /** The frame of the data file with the meta file's rows, labels and types, read here. */
  public static Frame read(
      String fileName, long rows, List<String> labels, List<ValueType> types, boolean parallel) {
    List<Column> cols = FrameCsvReader.read(Path.of(fileName), rows, types, labels, parallel);
    if (cols.isEmpty()) {
      return Frame.empty((int) rows);
    }
    try {
      return Frame.of(labels, cols);
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
