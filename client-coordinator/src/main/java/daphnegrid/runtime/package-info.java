/**
 * What runs a checked script, and the values it computes with.
 *
 * <ul>
 *   <li>{@link daphnegrid.runtime.Interpreter}: walks the syntax tree statement by statement and
 *       calls built-ins and user functions; {@code Retention} tells the engines, between
 *       statements, what the script can still reach ({@link daphnegrid.runtime.Reachable});
 *   <li>{@link daphnegrid.runtime.Value}: what a variable holds, a {@link
 *       daphnegrid.runtime.ScalarValue} or a {@link daphnegrid.runtime.MatrixValue}, whose cells
 *       are here, pending in the planner, or held by an engine elsewhere;
 *   <li>{@link daphnegrid.runtime.Ops}: DaphneDSL's promotion, broadcasting and shape rules for
 *       every matrix operation; small ones run at once, large ones and reductions become pending;
 *   <li>{@link daphnegrid.runtime.MatrixSource}: the generators and {@code readMatrix} as
 *       descriptions, so the placement decides where the matrix is made;
 *   <li>{@link daphnegrid.runtime.Engine}: where work runs, implemented in {@code runtime.local}
 *       and {@code runtime.grid}; programs take {@link daphnegrid.runtime.Operand}s and give {@link
 *       daphnegrid.runtime.Output}s;
 *   <li>{@link daphnegrid.runtime.RunOptions} and {@link daphnegrid.runtime.ExecutionContext}: a
 *       run's fixed options and its output streams.
 * </ul>
 */
package daphnegrid.runtime;
