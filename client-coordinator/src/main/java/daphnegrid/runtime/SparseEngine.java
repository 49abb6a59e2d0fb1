package daphnegrid.runtime;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;

/**
 * An engine that keeps CSR matrices as row blocks where it keeps its data and runs the sparse
 * operations next to them (the grid engine). {@link SparseOps} asks {@link
 * daphnegrid.plan.Placement} whether one is to be used; every method gives the bits the
 * coordinator's sparse kernels give.
 */
public interface SparseEngine {
  /** True if m's CSR blocks are held by this engine. */
  boolean holds(MatrixValue m);

  /**
   * A value for the local CSR matrix m whose cells this engine holds instead (m's cells are sent
   * and the returned value fetches them back only when a kernel of this process needs them).
   */
  MatrixValue store(MatrixValue m);

  /**
   * The Matrix Market file at the absolute path (named shown in errors) as a CSR matrix of the meta
   * file's shape and value type, read where this engine keeps its data; nnz is the meta file's
   * count of non-zeros (an estimate for admission), density the known density.
   */
  MatrixValue readMatrixMarket(
      String path, String shown, int rows, int cols, ValueType type, long nnz, double density);

  /**
   * DAPHNE's sparse rand(rows, cols, min, max, sparsity, seed) (seed resolved, arguments checked),
   * made where this engine keeps its data, each part bit for bit those rows of {@link
   * daphnegrid.kernels.random.Generators#randCsr}; nnz its stored cells, density the known density.
   */
  MatrixValue rand(
      int rows, int cols, Scalar min, Scalar max, double sparsity, long seed, long nnz);

  /** op over all cells of a CSR m (sum, aggMin, aggMax, mean). */
  Scalar fullAgg(AggOp op, MatrixValue m);

  /** op over each row of a CSR m: rows x 1, here. */
  DenseMatrix rowAgg(AggOp op, MatrixValue m);

  /** op over each column of a CSR m: 1 x cols, here. */
  DenseMatrix colAgg(AggOp op, MatrixValue m);

  /** m op s in type t (s of type t) for an op that keeps zeros: a CSR result held here. */
  MatrixValue scalar(BinaryOp op, MatrixValue m, Scalar s, ValueType t, double density);

  /** x op y of two CSR matrices of one shape, in type t, for an op that keeps zeros. */
  MatrixValue binary(BinaryOp op, MatrixValue x, MatrixValue y, ValueType t, double density);

  /**
   * x op row for a CSR x, an op that annihilates zeros and a dense row (1 x cols, or 1 x 1) of type
   * t broadcast over x's rows: a CSR result with x's pattern held here, or null when the row is too
   * large to travel to every member with the task.
   */
  MatrixValue binaryRow(BinaryOp op, MatrixValue x, DenseMatrix row, ValueType t, double density);

  /**
   * x @ y for a CSR x and a dense y, in type t (y already of type t): a dense result held here, or
   * null when y is too large to travel to every member with the task.
   */
  MatrixValue matmulDense(MatrixValue x, DenseMatrix y, ValueType t);
}
