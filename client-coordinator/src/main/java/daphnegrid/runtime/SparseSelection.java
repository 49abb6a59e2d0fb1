package daphnegrid.runtime;

/**
 * When a matrix is held in CSR form (spec 5.1, 11.3, 11.5): only with {@code --select-matrix-repr},
 * and then for every matrix whose density (fraction of non-zeros) is known before execution and
 * below the {@code sparsity_threshold} configuration key (default 0.25). Densities are known for
 * generators and literals and carried through operations as DAPHNE's sparsity inference carries
 * them ({@link SparseOps}).
 *
 * @param enabled {@code --select-matrix-repr} was given
 * @param threshold densities below this choose CSR
 */
public record SparseSelection(boolean enabled, double threshold) {
  public static final double DEFAULT_THRESHOLD = 0.25;
  public static final SparseSelection OFF = new SparseSelection(false, DEFAULT_THRESHOLD);

  /** True if a matrix of this known density (-1: unknown) is held as CSR. */
  public boolean choosesCsr(double knownDensity) {
    return enabled && knownDensity >= 0 && knownDensity < threshold;
  }
}
