package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.DenseMatrix;
import java.util.List;

/**
 * The partial results of one block of a program, one entry per output (null for {@link
 * BlockProgram.Rows} outputs), as small matrices; see {@link Partials} for their layout and how
 * blocks combine.
 */
public record BlockPartial(int block, List<DenseMatrix> values) {}
