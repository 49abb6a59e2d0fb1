/**
 * Fused pipelines as data: a {@link daphnegrid.kernels.pipeline.BlockProgram} is a straight list of
 * kernel instructions over the rows of a row space, and {@link
 * daphnegrid.kernels.pipeline.BlockExecutor} runs it over one block of rows. The local engine runs
 * blocks on threads; a grid member runs the very same program over the blocks it owns. Blocks are
 * cut by {@link daphnegrid.kernels.pipeline.RowBlocks}, a function of the row count only, and
 * partial results are combined in block order, so every engine produces the same bits.
 */
package daphnegrid.kernels.pipeline;
