package daphnegrid.runtime;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.kernels.sparse.CsrMatrix;
import daphnegrid.plan.Pending;
import daphnegrid.plan.Planner;

/**
 * A matrix as the interpreter sees it. Shape and value type are always known; the cells are either
 * here ({@link #dense()} returns them), still to be computed (a {@link Pending} operation that the
 * {@link Planner} fuses with others into one pass), or held by an engine elsewhere (a grid handle),
 * fetched on demand. Matrices are immutable from the script's point of view.
 *
 * <p>A matrix may be held in CSR form ({@link #csr()}), which only {@code --select-matrix-repr}
 * chooses (see {@link SparseSelection}); it prints with a {@code CSRMatrix} header, and operations
 * without a sparse kernel read its dense form, converted once on first use. {@link #knownDensity}
 * is the fraction of non-zeros known before execution (DAPHNE's sparsity property), -1 if unknown.
 */
public final class MatrixValue implements Value {
  private final int rows;
  private final int cols;
  private final ValueType type;
  private DenseMatrix dense;
  private Pending pending;
  private Planner planner;
  private Object remote;
  private Remote remoteOwner;
  private CsrMatrix csr;
  private boolean csrRemote;
  private double knownDensity = -1;

  /** Access to cells held outside this process (by the grid engine). */
  public interface Remote {
    DenseMatrix fetch(Object handle);

    /** The CSR matrix whose blocks handle names (for a matrix held as CSR blocks). */
    default CsrMatrix fetchCsr(Object handle) {
      throw new UnsupportedOperationException(handle + " holds no CSR blocks");
    }
  }

  public MatrixValue(DenseMatrix dense) {
    this.rows = dense.rows();
    this.cols = dense.cols();
    this.type = dense.type();
    this.dense = dense;
  }

  /** A matrix held in CSR form, with the density known before it was computed. */
  public MatrixValue(CsrMatrix csr, double knownDensity) {
    this.rows = csr.rows();
    this.cols = csr.cols();
    this.type = csr.type();
    this.csr = csr;
    this.knownDensity = knownDensity;
  }

  /**
   * A CSR matrix whose row blocks an engine holds elsewhere, fetched by {@link Remote#fetchCsr}
   * when a kernel of this process needs it.
   */
  public static MatrixValue remoteCsr(
      int rows, int cols, ValueType type, Object handle, Remote owner, double knownDensity) {
    MatrixValue v = new MatrixValue(rows, cols, type, handle, owner);
    v.csrRemote = true;
    v.knownDensity = knownDensity;
    return v;
  }

  /** A matrix to be computed later by planner. */
  public MatrixValue(int rows, int cols, ValueType type, Pending pending, Planner planner) {
    this.rows = rows;
    this.cols = cols;
    this.type = type;
    this.pending = pending;
    this.planner = planner;
  }

  /** A matrix whose cells an engine holds elsewhere. */
  public MatrixValue(int rows, int cols, ValueType type, Object handle, Remote owner) {
    this.rows = rows;
    this.cols = cols;
    this.type = type;
    this.remote = handle;
    this.remoteOwner = owner;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public long cells() {
    return (long) rows * cols;
  }

  public ValueType type() {
    return type;
  }

  public boolean isPending() {
    return pending != null;
  }

  public Pending pending() {
    return pending;
  }

  /** The engine handle when the cells live elsewhere (null otherwise). */
  public Object remote() {
    return remote;
  }

  /** True when the cells are held in this process. */
  public boolean isLocal() {
    return dense != null || csr != null;
  }

  /** True when the matrix is held in CSR form (here, or as CSR blocks elsewhere). */
  public boolean isCsr() {
    return csr != null || csrRemote;
  }

  /** True if a CSR matrix's dense form has been made (and is kept). */
  public boolean hasDenseForm() {
    return dense != null;
  }

  /** The CSR form (fetched if its blocks are elsewhere), or null for a dense matrix. */
  public CsrMatrix csr() {
    if (csr == null && csrRemote) {
      csr = remoteOwner.fetchCsr(remote);
    }
    return csr;
  }

  /** The fraction of non-zeros known before execution, -1 if unknown. */
  public double knownDensity() {
    return knownDensity;
  }

  /** Records the density known before execution (from a generator's or literal's arguments). */
  public MatrixValue withKnownDensity(double density) {
    this.knownDensity = density;
    return this;
  }

  /** The CSR form if this process holds it now (null for a dense or a not yet fetched one). */
  public CsrMatrix csrIfHeld() {
    return csr;
  }

  /**
   * The dense cells if this process holds them now, without computing, fetching or converting
   * anything (null for a pending or remote matrix, and for a CSR one not yet read densely).
   */
  public DenseMatrix denseIfHeld() {
    return dense;
  }

  /** The cells, computed or fetched if they are not here yet (a CSR matrix: its dense form). */
  public DenseMatrix dense() {
    if (dense == null && isCsr()) {
      dense = CsrConvert.toDense(csr());
    }
    if (pending != null) {
      planner.force(this);
    }
    if (dense == null && remote != null) {
      dense = remoteOwner.fetch(remote);
    }
    return dense;
  }

  /** Records the computed cells of a pending matrix. */
  public void complete(DenseMatrix m) {
    if (m.rows() != rows || m.cols() != cols || m.type() != type) {
      throw new IllegalStateException(
          "computed " + m + " for a matrix declared " + rows + "x" + cols + " " + type);
    }
    this.dense = m;
    this.pending = null;
    this.planner = null;
  }

  /**
   * Records that an engine also holds a copy of this (local) matrix under handle, so it need not be
   * sent again.
   */
  public void attachRemote(Object handle, Remote owner) {
    this.remote = handle;
    this.remoteOwner = owner;
  }

  /** Forgets the engine's copy (after the engine freed it); the local cells stay. */
  public void detachRemote() {
    if (!isLocal()) {
      throw new IllegalStateException("the only copy of a matrix cannot be detached");
    }
    this.remote = null;
    this.remoteOwner = null;
  }

  /** Records that an engine computed this matrix and holds its cells under handle. */
  public void completeRemote(Object handle, Remote owner) {
    this.remote = handle;
    this.remoteOwner = owner;
    this.pending = null;
    this.planner = null;
  }

  @Override
  public String typeName() {
    return (isCsr() ? "CSRMatrix(" : "DenseMatrix(")
        + rows
        + "x"
        + cols
        + ", "
        + type.cppName()
        + ")";
  }
}
