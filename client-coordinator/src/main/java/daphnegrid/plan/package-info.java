/**
 * The planner: pending operations, their fusion into {@link
 * daphnegrid.kernels.pipeline.BlockProgram}s, and the choice of engine.
 */
package daphnegrid.plan;
