/**
 * Jet pipelines of the grid engine: multi-stage work whose output blocks depend on blocks held by
 * other members, so the data must be shuffled — {@link daphnegrid.grid.jet.TransposeJob} (row block
 * i of the input becomes column block i of the output; {@link daphnegrid.grid.jet.ShuffleJoinJob}:
 * two frames' rows partitioned by join key) — or broadcast — {@link daphnegrid.grid.jet.MatMulJob}
 * (every member needs all of the right side of a product). Pipelines are built from static
 * factories whose lambdas capture only small, serializable descriptions ({@link
 * daphnegrid.grid.tasks.MatrixRef}); the members run them with their own classes (no code upload).
 */
package daphnegrid.grid.jet;
