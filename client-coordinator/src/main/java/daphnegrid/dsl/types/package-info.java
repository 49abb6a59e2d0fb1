/**
 * What is known about a script before it runs.
 *
 * <ul>
 *   <li>{@link daphnegrid.dsl.types.Checker}: names, scopes, calls and static types of a whole
 *       script and the modules it imports;
 *   <li>{@link daphnegrid.dsl.types.OperandRules}: which operations are defined on which operands
 *       and how a scalar on the left of a matrix is rewritten, asked by the checker and at run
 *       time;
 *   <li>{@link daphnegrid.dsl.types.StaticType}, {@link daphnegrid.dsl.types.FunctionTable}: the
 *       types and user-defined functions the checker and the interpreter share;
 *   <li>{@link daphnegrid.dsl.types.Liveness}: which variables later statements may still read.
 * </ul>
 *
 * Constant folding and scopes are the checker's helpers and stay package-private. Shapes are not
 * inferred here: {@link daphnegrid.runtime.Ops} checks them when the interpreter reaches an
 * operation.
 */
package daphnegrid.dsl.types;
