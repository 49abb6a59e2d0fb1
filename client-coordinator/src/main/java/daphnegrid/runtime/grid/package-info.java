/**
 * The grid engine: runs fused programs on Hazelcast members next to the blocks of distributed
 * matrices, and the placement that decides, program by program, whether the grid or the local
 * engine runs it.
 *
 * <ul>
 *   <li>{@link daphnegrid.runtime.grid.GridConnection}: a connected client (workers from {@code
 *       DISTRIBUTED_WORKERS}) or an embedded member in this process;
 *   <li>{@link daphnegrid.runtime.grid.GridEngine}: scatter once, run programs on the members that
 *       own the blocks, combine partials in block order, run transposes and products with a large
 *       right side as Jet jobs, collect lazily, free what no variable holds;
 *   <li>{@link daphnegrid.runtime.grid.PlacingEngine}: small work local, large work (or work on
 *       data already on the grid) on the grid.
 * </ul>
 */
package daphnegrid.runtime.grid;
