package daphnegrid.runtime;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.BlockProgram;
import java.util.List;
import java.util.Map;

/**
 * Where work runs: the local engine on a thread pool in this process, the grid engine on the
 * members that hold the blocks. Both cut the row space with {@link
 * daphnegrid.kernels.pipeline.RowBlocks} and combine partials in block order, so they return the
 * same bits. An engine does what it is asked; which engine is asked is decided once per piece of
 * work by {@link daphnegrid.plan.Placement}.
 */
public interface Engine extends AutoCloseable {
  /** A short name for --explain and --statistics ("local", "grid"). */
  String name();

  /**
   * The threads whole-value kernels (relational operators on frames) may use on the coordinator, or
   * null for the calling thread only.
   */
  default java.util.concurrent.ForkJoinPool pool() {
    return null;
  }

  /**
   * Runs program over inputs (one operand per program input, of its kind) and returns one output
   * per program output, of its kind.
   *
   * @throws daphnegrid.kernels.pipeline.InstructionFailure when an instruction fails on the data
   *     (it names the instruction, so the caller can report the script position)
   */
  List<Output> execute(BlockProgram program, List<Operand> inputs);

  /** Makes a generated matrix, keeping its cells where this engine keeps data. */
  MatrixValue generate(MatrixSource source);

  /** t(arg). name names the work (script and operation). */
  MatrixValue transpose(MatrixValue arg, String name);

  /** x @ y, both computed, in value type t, as one product. name names the work. */
  MatrixValue matmul(MatrixValue x, MatrixValue y, ValueType t, String name);

  /** The engine's CSR operations, or null if it keeps no CSR matrices of its own. */
  default SparseEngine sparse() {
    return null;
  }

  /**
   * Keeps frame f where this engine keeps data: the local engine holds it as it is, the grid engine
   * stores it as row blocks on the members and returns a handle.
   */
  default FrameValue storeFrame(daphnegrid.kernels.frame.Frame f) {
    return new FrameValue(f);
  }

  /**
   * readFrame(file) of a CSV file with these rows, labels and types (from its meta file), read
   * where this engine keeps data: the local engine here, the grid engine on the members, each
   * reading its own row blocks of the file at the same absolute path.
   */
  default FrameValue readFrame(
      String file,
      int rows,
      java.util.List<String> labels,
      java.util.List<ValueType> types,
      boolean parallel) {
    return new FrameValue(daphnegrid.io.FrameFiles.read(file, rows, labels, types, parallel));
  }

  /**
   * The rows of frame f that pass filter, with the columns keep (positions), in row order: here
   * from its columns, on the grid by each member over the row blocks it holds, so that only what
   * passes travels.
   */
  default daphnegrid.kernels.frame.Frame scanFrame(
      FrameValue f, int[] keep, daphnegrid.kernels.relational.RowFilter filter) {
    return filter.apply(f.frame(), keep);
  }

  /**
   * GROUP BY the columns keys (none: one group) of f's rows that pass filter, with aggs: partials
   * per row block combined in block order ({@link
   * daphnegrid.kernels.relational.PartialAggregates}), here or, on the grid, the partials made by
   * the members holding the blocks.
   */
  default daphnegrid.kernels.relational.PartialAggregates.Result aggregateFrame(
      FrameValue f,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      List<daphnegrid.kernels.relational.PartialAggregates.Agg> aggs) {
    return daphnegrid.kernels.relational.PartialAggregates.run(
        f.frame(), filter, keys, aggs, pool());
  }

  /**
   * The equi-join of f's rows that pass filter (columns keep; key columns leftKeys among them) with
   * the frame right (key columns rightKeys): the left columns, then the right ones, left-major with
   * right rows in order ({@link daphnegrid.kernels.relational.Relational#innerJoin}); on the grid,
   * right is broadcast to the members holding f's row blocks. With left false, f is the right table
   * and other the left one (the result: other's columns, then f's).
   */
  default daphnegrid.kernels.frame.Frame joinFrame(
      FrameValue f,
      int[] keep,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      daphnegrid.kernels.frame.Frame other,
      int[] otherKeys,
      boolean left) {
    daphnegrid.kernels.frame.Frame mine = filter.apply(f.frame(), keep);
    return left ? joined(mine, keys, other, otherKeys) : joined(other, otherKeys, mine, keys);
  }

  /**
   * The equi-join of l's rows that pass lFilter (columns lKeep; key columns lKeys among them) with
   * r's that pass rFilter (columns rKeep, keys rKeys): l's columns, then r's, left-major with right
   * rows in order ({@link daphnegrid.kernels.relational.Relational#innerJoin}). On the grid, both
   * frames' rows are shuffled by key in a Jet job ({@link
   * daphnegrid.kernels.relational.ShuffleJoin}), with the same result.
   */
  default daphnegrid.kernels.frame.Frame shuffleJoinFrame(
      FrameValue l,
      int[] lKeep,
      daphnegrid.kernels.relational.RowFilter lFilter,
      int[] lKeys,
      FrameValue r,
      int[] rKeep,
      daphnegrid.kernels.relational.RowFilter rFilter,
      int[] rKeys) {
    return joined(lFilter.apply(l.frame(), lKeep), lKeys, rFilter.apply(r.frame(), rKeep), rKeys);
  }

  /**
   * Whether this engine joins two of its frames of leftCells and rightCells cells (rows times named
   * columns) by {@link #shuffleJoinFrame} rather than by sending the smaller to the larger's rows.
   */
  default boolean shufflesJoin(long leftCells, long rightCells) {
    return false;
  }

  /**
   * GROUP BY groupKeys with aggs after the join {@link #joinFrame} makes, by partials per row block
   * of f ({@link daphnegrid.kernels.relational.BlockJoin#aggregate}); on the grid, each member
   * joins and aggregates its own row blocks.
   */
  default daphnegrid.kernels.relational.PartialAggregates.Result joinAggregateFrame(
      FrameValue f,
      int[] keep,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      daphnegrid.kernels.frame.Frame other,
      int[] otherKeys,
      boolean left,
      int[] groupKeys,
      List<daphnegrid.kernels.relational.PartialAggregates.Agg> aggs) {
    return daphnegrid.kernels.relational.BlockJoin.aggregate(
        f.frame(), filter, keep, keys, other, otherKeys, left, groupKeys, aggs, pool());
  }

  /** The equi-join of left and right here: left columns, then right ones (labels l0.., r0..). */
  static daphnegrid.kernels.frame.Frame joined(
      daphnegrid.kernels.frame.Frame left,
      int[] leftKeys,
      daphnegrid.kernels.frame.Frame right,
      int[] rightKeys) {
    List<daphnegrid.kernels.frame.Column> lk = new java.util.ArrayList<>();
    List<daphnegrid.kernels.frame.Column> rk = new java.util.ArrayList<>();
    for (int j : leftKeys) lk.add(left.column(j));
    for (int j : rightKeys) rk.add(right.column(j));
    daphnegrid.kernels.relational.Relational.Pairs p =
        daphnegrid.kernels.relational.Relational.innerJoin(lk, rk, null);
    List<String> labels = new java.util.ArrayList<>();
    List<daphnegrid.kernels.frame.Column> cols = new java.util.ArrayList<>();
    for (int j = 0; j < left.cols(); j++) {
      labels.add("l" + j);
      cols.add(left.column(j).gather(p.left()));
    }
    for (int j = 0; j < right.cols(); j++) {
      labels.add("r" + j);
      cols.add(right.column(j).gather(p.right()));
    }
    return cols.isEmpty()
        ? daphnegrid.kernels.frame.Frame.empty(p.size())
        : daphnegrid.kernels.frame.Frame.of(labels, cols);
  }

  /** Rows [r0, r1) of m, all columns, fetching only those rows if m's cells are elsewhere. */
  DenseMatrix rows(MatrixValue m, int r0, int r1);

  /**
   * True if the engine wants {@link #retain} calls between statements (it holds data that may be
   * freed or reused once nothing reaches it).
   */
  boolean tracksLiveness();

  /**
   * Called between statements with what the script may still reach: anything the engine holds for
   * other values may be freed or reused.
   */
  void retain(Reachable reachable);

  /** The interpreter entered a user function (its values are not yet bound to variables). */
  default void callStarted() {}

  /** The interpreter left the user function entered last. */
  default void callFinished() {}

  /**
   * The threads whole-matrix kernels of the coordinator may split their work over (null: run on the
   * calling thread). Only the local engine has them.
   */
  default java.util.concurrent.ForkJoinPool computeThreads() {
    return null;
  }

  /**
   * A rows x cols matrix for a result that a kernel on the coordinator writes completely: its cells
   * are unspecified (the local engine lends a reused array).
   */
  default DenseMatrix resultMatrix(ValueType t, long rows, long cols) {
    return DenseMatrix.allocate(t, rows, cols);
  }

  /** Nanoseconds spent so far moving blocks between this process and the engine (--statistics). */
  default long transferNanos() {
    return 0;
  }

  /** Nanoseconds spent so far connecting to the engine's workers (--statistics). */
  default long connectNanos() {
    return 0;
  }

  /** Extra figures for --timing (name to number), e.g. time spent on the grid. */
  default Map<String, Double> timing() {
    return Map.of();
  }

  @Override
  default void close() {}
}
