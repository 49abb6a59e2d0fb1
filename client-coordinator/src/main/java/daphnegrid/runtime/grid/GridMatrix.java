package daphnegrid.runtime.grid;

import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.runtime.MatrixValue;
import java.lang.ref.WeakReference;

/**
 * The coordinator's handle of a distributed matrix: where its blocks are ({@link MatrixRef}), for a
 * copy of a local matrix sent to the grid, the local value that carries the handle (so freeing it
 * can detach it), for a CSR matrix its stored cells per block and dense twin, and, for a generated
 * matrix, how to make its blocks again ({@link Regeneration}).
 */
final class GridMatrix extends GridObject {
  final MatrixRef ref;
  private final WeakReference<MatrixValue> copyOf;
  private volatile Regeneration regeneration;

  /** True for a CSR matrix: one {@code CsrBlock} per row block instead of dense blocks. */
  final boolean csr;

  /** A CSR matrix's stored cells per row block (null until its blocks are made). */
  long[] blockNnz;

  /** A CSR matrix's dense form on the grid, made when a program reads its cells (or null). */
  GridMatrix denseTwin;

  /** For a dense twin: the CSR matrix it is the dense form of (it lives as long as that). */
  final GridMatrix twinOf;

  GridMatrix(MatrixRef ref, long seq, MatrixValue copyOf) {
    this(ref, seq, copyOf, false, null);
  }

  GridMatrix(MatrixRef ref, long seq, MatrixValue copyOf, boolean csr, GridMatrix twinOf) {
    super(seq);
    this.ref = ref;
    this.copyOf = copyOf == null ? null : new WeakReference<>(copyOf);
    this.csr = csr;
    this.twinOf = twinOf;
  }

  /** A CSR matrix's stored cells. */
  long nnz() {
    long n = 0;
    for (long b : blockNnz) {
      n += b;
    }
    return n;
  }

  /** How to make lost blocks again, or null when they cannot be (they have backups instead). */
  Regeneration regeneration() {
    return regeneration;
  }

  void regeneration(Regeneration r) {
    regeneration = r;
  }

  @Override
  String map() {
    return ref.map();
  }

  @Override
  void detachCopy() {
    MatrixValue v = copyOf == null ? null : copyOf.get();
    if (v != null && v.remote() == this && v.isLocal()) {
      v.detachRemote();
    }
  }

  @Override
  public String toString() {
    return ref.toString();
  }
}
