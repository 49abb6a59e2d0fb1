/**
 * The worker side of the grid: {@link daphnegrid.grid.DistributedWorker} (one Hazelcast member per
 * worker address), {@link daphnegrid.grid.GridMember} (a member with the grid's services), {@link
 * daphnegrid.grid.OrphanSweeper} (frees what departed clients left), {@link
 * daphnegrid.grid.GridStatus} (which workers are up) and {@link daphnegrid.grid.MemberStatus} (what
 * a member reports about itself: heap, blocks, backup count, cluster).
 */
package daphnegrid.grid;
