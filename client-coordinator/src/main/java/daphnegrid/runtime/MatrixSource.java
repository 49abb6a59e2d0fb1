package daphnegrid.runtime;

import daphnegrid.io.MatrixFiles;
import daphnegrid.io.MatrixMeta;
import daphnegrid.io.MetaFile;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.io.FileFormat;
import daphnegrid.kernels.random.Generators;
import java.util.concurrent.ForkJoinPool;

/**
 * A matrix made from nothing but its arguments (or a file): the data-generating built-ins. Kept as
 * a description so that the engine can decide where to make it — a large one straight on the grid
 * members that will hold its blocks ({@link Engine#generate}), a small one here ({@link #local}).
 * Arguments are validated when the source is made, so errors do not depend on where it runs.
 */
public sealed interface MatrixSource {
  long rows();

  long cols();

  ValueType type();

  /** The matrix, made in this process. */
  DenseMatrix local();

  /** The matrix, made in this process, on pool's threads where that pays (the same bits). */
  default DenseMatrix local(ForkJoinPool pool) {
    return local();
  }

  /** A short description for --explain. */
  String describe();

  /** {@code rand(rows, cols, min, max, sparsity, seed)} with the seed already resolved. */
  record Rand(long rows, long cols, Scalar min, Scalar max, double sparsity, long seed)
      implements MatrixSource {
    public Rand {
      Generators.rand(0 * rows + 1, 1, min, max, sparsity, 1); // validates min/max/sparsity
      if (rows <= 0 || cols <= 0) {
        Generators.rand(rows, cols, min, max, sparsity, 1); // reports the bad dimension
      }
    }

    public static Rand of(long rows, long cols, Scalar min, Scalar max, double sparsity, long s) {
      return new Rand(rows, cols, min, max, sparsity, Generators.resolveSeed(s));
    }

    @Override
    public ValueType type() {
      return min.type();
    }

    /** True when every block can be made on its own (dense float): jump-ahead generation. */
    public boolean blockwise() {
      return sparsity == 1.0 && min.type().isFloat();
    }

    @Override
    public DenseMatrix local() {
      return Generators.rand(rows, cols, min, max, sparsity, seed);
    }

    @Override
    public DenseMatrix local(ForkJoinPool pool) {
      return Generators.rand(rows, cols, min, max, sparsity, seed, pool);
    }

    @Override
    public String describe() {
      return "rand " + rows + "x" + cols + " " + type().dslName();
    }
  }

  /** {@code fill(value, rows, cols)}. */
  record Fill(Scalar value, long rows, long cols) implements MatrixSource {
    @Override
    public ValueType type() {
      return value.type();
    }

    @Override
    public DenseMatrix local() {
      return Generators.fill(value, rows, cols);
    }

    @Override
    public String describe() {
      return "fill " + rows + "x" + cols + " " + type().dslName();
    }
  }

  /** {@code seq(from, to, inc)}: rows counted when made (it also validates the arguments). */
  record Seq(Scalar from, Scalar to, Scalar inc, long rows) implements MatrixSource {
    public static Seq of(Scalar from, Scalar to, Scalar inc) {
      return new Seq(from, to, inc, Generators.seqCount(from, to, inc));
    }

    @Override
    public long cols() {
      return 1;
    }

    @Override
    public ValueType type() {
      return Generators.seqType(from, to, inc);
    }

    @Override
    public DenseMatrix local() {
      return Generators.seq(from, to, inc);
    }

    @Override
    public String describe() {
      return "seq " + rows + "x1 " + type().dslName();
    }
  }

  /** {@code readMatrix(file)}: shape and type from the file's .meta, read when made. */
  record ReadCsv(String file, long rows, long cols, ValueType type) implements MatrixSource {
    public static ReadCsv of(String file) {
      FileFormat.of(file);
      MatrixMeta meta = MetaFile.read(file);
      return new ReadCsv(file, meta.numRows(), meta.numCols(), meta.valueType());
    }

    @Override
    public DenseMatrix local() {
      return MatrixFiles.read(file);
    }

    @Override
    public String describe() {
      return "readMatrix " + file + " " + rows + "x" + cols + " " + type.dslName();
    }
  }
}
