/**
 * A member's metrics: the grid's counters ({@link daphnegrid.grid.metrics.GridMetrics}, also the
 * hook admission control counts refusals with) and the Prometheus endpoint that serves them with
 * the JVM's and Hazelcast's figures ({@link daphnegrid.grid.metrics.MetricsEndpoint}).
 */
package daphnegrid.grid.metrics;
