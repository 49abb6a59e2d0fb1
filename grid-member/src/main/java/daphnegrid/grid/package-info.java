/**
 * The worker side of the grid: {@link daphnegrid.grid.DistributedWorker} (one Hazelcast member per
 * worker address), {@link daphnegrid.grid.GridMember} (a member with the grid's services), {@link
 * daphnegrid.grid.OrphanSweeper} (frees what departed clients left), and {@link
 * daphnegrid.grid.GridStatus} (which workers are up).
 */
package daphnegrid.grid;
