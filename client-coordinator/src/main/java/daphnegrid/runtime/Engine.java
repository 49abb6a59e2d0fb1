package daphnegrid.runtime;

import daphnegrid.kernels.pipeline.BlockProgram;
import java.util.List;

/**
 * Where fused programs run. The local engine runs blocks on a thread pool; the grid engine runs
 * them on the members that hold the blocks. Both cut the row space with {@link
 * daphnegrid.kernels.pipeline.RowBlocks} and combine partials in block order, so they return the
 * same bits.
 */
public interface Engine extends AutoCloseable {
  /**
   * Runs program. inputs holds, per program input, a {@link MatrixValue} (split; already
   * materialised), a {@link daphnegrid.kernels.DenseMatrix} (broadcast) or a {@link
   * daphnegrid.kernels.Scalar}. Returns, per output, a {@link MatrixValue} for row outputs, a
   * {@link daphnegrid.kernels.Scalar} for full aggregates and a {@link
   * daphnegrid.kernels.DenseMatrix} otherwise.
   *
   * @throws daphnegrid.kernels.pipeline.InstructionFailure when an instruction fails on the data
   *     (it names the instruction, so the caller can report the script position)
   */
  List<Object> execute(BlockProgram program, Object[] inputs);

  /** A short name for --explain ("local", "grid"). */
  String name();

  /** Where program would run, for --explain (before it runs). */
  default String where(BlockProgram program, Object[] inputs) {
    return name();
  }

  /**
   * Makes a generated matrix where the engine keeps its data (e.g. on the grid members), or returns
   * null to have it made locally.
   */
  default MatrixValue generate(MatrixSource source) {
    return null;
  }

  /**
   * t(arg), made where the engine wants it: the local engine writes it into a reused array on its
   * threads, the grid engine runs a Jet job when arg lives on the grid. name names the work (script
   * and operation).
   */
  default MatrixValue transpose(MatrixValue arg, String name) {
    return new MatrixValue(daphnegrid.kernels.Reorg.transpose(arg.dense()));
  }

  /**
   * Rows [r0, r1) of m (all columns) when the engine holds m's cells elsewhere, fetching only those
   * rows; null to have the whole matrix fetched.
   */
  default daphnegrid.kernels.DenseMatrix rows(MatrixValue m, int r0, int r1) {
    return null;
  }

  /** The interpreter entered a user function (its values are not yet bound to variables). */
  default void callStarted() {}

  /** The interpreter left the user function entered last. */
  default void callFinished() {}

  /** Extra figures for --timing (name to number), e.g. time spent on the grid. */
  default java.util.Map<String, Double> timing() {
    return java.util.Map.of();
  }

  /**
   * True if the engine wants {@link #retain} calls: an engine holding data elsewhere frees what no
   * variable refers to any more.
   */
  default boolean tracksLiveness() {
    return false;
  }

  /**
   * Called between statements with every value bound to a variable of a running frame (and the
   * values pending computations refer to are reachable from them): anything the engine holds for
   * other values may be freed.
   */
  default void retain(java.util.Collection<Value> live) {}

  /**
   * The largest right operand (cells) of x @ W that is broadcast into a pass over x's rows: by
   * default what stays in the cache ({@link Ops#FUSED_MATMUL_MAX_CELLS}); the grid engine ships W
   * once to where x lives rather than collect x, so it takes larger ones. Products with a larger
   * right side go to {@link #matmul}.
   */
  default long fusedProductMaxCells(MatrixValue x) {
    return Ops.FUSED_MATMUL_MAX_CELLS;
  }

  /**
   * x @ y, both materialised, computed in type t where the engine keeps the data (e.g. a Jet job on
   * the grid), or null to have it multiplied locally. Asked for products whose right side is too
   * large to broadcast into a pass. name names the work (script and operation).
   */
  default MatrixValue matmul(
      MatrixValue x, MatrixValue y, daphnegrid.kernels.ValueType t, String name) {
    return null;
  }

  @Override
  default void close() {}
}
