/**
 * The grid side of the grid engine: what runs on the members next to the blocks.
 *
 * <ul>
 *   <li>{@link daphnegrid.grid.tasks.MatrixRef}: where a distributed matrix's blocks are and how
 *       its rows and columns are cut;
 *   <li>entry processors that write ({@link daphnegrid.grid.tasks.StoreBlock}, {@link
 *       daphnegrid.grid.tasks.StorePiece}) and read ({@link daphnegrid.grid.tasks.ReadPiece}) one
 *       block, in one message or in chunks, and a CSR row block's pieces of whole rows ({@link
 *       daphnegrid.grid.tasks.StoreCsrPiece}, {@link daphnegrid.grid.tasks.ReadCsrPiece});
 *   <li>member tasks that work on the block rows a member owns: {@link
 *       daphnegrid.grid.tasks.RunProgram} runs a {@link daphnegrid.kernels.pipeline.BlockProgram},
 *       {@link daphnegrid.grid.tasks.GenerateBlocks} makes rand/fill/seq/readMatrix blocks, {@link
 *       daphnegrid.grid.tasks.MultiplyRows} multiplies them by a large right side that a Jet job
 *       brought to the member, {@link daphnegrid.grid.tasks.CsrTask} aggregates, combines and
 *       multiplies CSR row blocks and reads or generates them (a Matrix Market file, a sparse
 *       rand);
 *   <li>{@link daphnegrid.grid.tasks.BlockCache}: the member's zero-copy view of the blocks it
 *       wrote, so programs read stored blocks without deserializing a copy;
 *   <li>guards: {@link daphnegrid.grid.tasks.HeapGuard} refuses blocks past the heap's high-water
 *       mark, {@link daphnegrid.grid.tasks.MemberSeal} checks and makes block seals, {@link
 *       daphnegrid.grid.tasks.GuardCounters} counts what they stopped, {@link
 *       daphnegrid.grid.tasks.HeapReport} tells the coordinator's admission control what fits.
 * </ul>
 */
package daphnegrid.grid.tasks;
