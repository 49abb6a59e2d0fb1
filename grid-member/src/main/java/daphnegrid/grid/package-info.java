/** The {@code DistributedWorker} launcher: one Hazelcast member per worker address. */
package daphnegrid.grid;
