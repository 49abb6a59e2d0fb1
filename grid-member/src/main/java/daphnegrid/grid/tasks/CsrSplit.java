package daphnegrid.grid.tasks;

/**
 * A program's split input that is a CSR matrix on the grid: {@link RunProgram} reads its row blocks
 * as CSR (seal checked) and the executor writes each tile's rows out dense as it goes, so no dense
 * form of the matrix is made on the members.
 */
public record CsrSplit(MatrixRef ref) {}
