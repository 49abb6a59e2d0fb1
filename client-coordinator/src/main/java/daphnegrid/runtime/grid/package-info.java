/**
 * The grid engine: runs fused programs, generators, transposes and large products on Hazelcast
 * members next to the blocks of distributed matrices.
 *
 * <ul>
 *   <li>{@link daphnegrid.runtime.grid.GridConnection}: a connected client (workers from {@code
 *       DISTRIBUTED_WORKERS}) or an embedded member in this process; {@link
 *       daphnegrid.runtime.grid.SharedGrid} shares one among many runs of a process;
 *   <li>{@link daphnegrid.runtime.grid.GridEngine}: scatter once, run programs on the members that
 *       own the blocks, combine partials in block order, run transposes and products with a large
 *       right side as Jet jobs, collect lazily;
 *   <li>{@code OwnerDispatch}: one task per member for the block rows it owns, sent again to the
 *       new owners when a member leaves;
 *   <li>{@code GridSparse}: CSR matrices as CSR row blocks on the members, and the sparse
 *       aggregations, elementwise operations and products that run next to them;
 *   <li>{@code GridHandles}: the run's distributed matrices, their map names and their lifetime
 *       (freed as soon as the script can no longer reach them).
 * </ul>
 *
 * Whether a piece of work runs here or locally is decided by {@link daphnegrid.plan.Placement}.
 */
package daphnegrid.runtime.grid;
