package daphnegrid.kernels.io;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A CSV file read straight into a CSR matrix, as DAPHNE does when its {@code .meta} file gives a
 * {@code numNonZeros} that makes the matrix sparse (spec 10.3): the file holds {@code numNonZeros}
 * lines {@code row,col} (0-based), each a cell of value 1. The pairs may come in any order; a pair
 * outside the matrix, a repeated pair or a malformed line is an error naming the file and line.
 */
public final class SparseCsv {
  private SparseCsv() {}

  public static CsrMatrix read(Path file, int rows, int cols, long numNonZeros, ValueType type) {
    if (numNonZeros < 0) {
      throw new KernelException(
          "reading '" + file + "' as a sparse matrix needs numNonZeros in its meta file");
    }
    if (numNonZeros > Math.min(DenseMatrix.MAX_CELLS, (long) rows * cols)) {
      throw new KernelException(
          "numNonZeros "
              + numNonZeros
              + " of '"
              + file
              + "' exceeds the "
              + rows
              + "x"
              + cols
              + " cells");
    }
    int nnz = (int) numNonZeros;
    long[] keys = new long[nnz];
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      for (int i = 0; i < nnz; i++) {
        String line = in.readLine();
        int lineNo = i + 1;
        if (line == null) {
          throw error(file, lineNo, "expected " + nnz + " lines of row,col pairs, found " + i);
        }
        int comma = line.indexOf(',');
        if (comma < 0) {
          throw error(file, lineNo, "expected 'row,col', got '" + line + "'");
        }
        long r = index(file, lineNo, line.substring(0, comma), rows, "row");
        long c = index(file, lineNo, line.substring(comma + 1).strip(), cols, "column");
        keys[i] = r * cols + c;
      }
    } catch (NoSuchFileException e) {
      throw new KernelException("could not open file '" + file + "' for reading");
    } catch (IOException e) {
      throw new KernelException("could not read file '" + file + "': " + e.getMessage(), e);
    }
    long[] sorted = keys.clone();
    Arrays.sort(sorted);
    int[] offsets = new int[rows + 1];
    int[] idx = new int[nnz];
    for (int i = 0; i < nnz; i++) {
      if (i > 0 && sorted[i] == sorted[i - 1]) {
        long r = sorted[i] / cols;
        long c = sorted[i] % cols;
        int line = 1;
        while (keys[line - 1] != sorted[i]) {
          line++;
        }
        throw error(file, line, "the pair " + r + "," + c + " appears more than once");
      }
      offsets[(int) (sorted[i] / cols) + 1]++;
      idx[i] = (int) (sorted[i] % cols);
    }
    for (int r = 0; r < rows; r++) {
      offsets[r + 1] += offsets[r];
    }
    DenseMatrix ones = DenseMatrix.allocate(type, 1, nnz);
    for (int i = 0; i < nnz; i++) {
      ones.setLong(i, 1);
    }
    return CsrMatrix.wrap(type, rows, cols, offsets, idx, ones.data());
  }

  private static long index(Path file, int line, String s, int n, String what) {
    try {
      long v = Long.parseLong(s.strip());
      if (v < 0 || v >= n) {
        throw error(file, line, what + " " + v + " outside 0.." + (n - 1));
      }
      return v;
    } catch (NumberFormatException e) {
      throw error(file, line, what + " '" + s + "' is not a number");
    }
  }

  private static KernelException error(Path file, int line, String message) {
    return new KernelException(
        "malformed sparse CSV file '" + file + "' at line " + line + ": " + message);
  }
}
