/**
 * The planner: pending operations ({@link daphnegrid.plan.Pending}), their fusion into {@link
 * daphnegrid.kernels.pipeline.BlockProgram}s ({@link daphnegrid.plan.Planner}), and the choice of
 * engine for each program, product, generator and transpose ({@link daphnegrid.plan.Placement}),
 * made once and used by both {@code --explain} and the execution.
 */
package daphnegrid.plan;
