/**
 * What is known about a script before it runs. {@link daphnegrid.dsl.types.Checker} checks the
 * whole script (names and scopes, calls of functions and built-ins, imports, script arguments, the
 * value types the language fixes statically) and throws parse errors (exit 1) or compile errors
 * (exit 2); {@link daphnegrid.dsl.types.StaticType} is what it knows about a value. {@link
 * daphnegrid.dsl.types.FunctionTable} holds the user functions and their overloads for the checker
 * and the interpreter. {@link daphnegrid.dsl.types.Liveness} says which variables may still be read
 * during each statement, so the planner writes out only those matrices and an engine can free the
 * others. Shapes are not inferred here: {@link daphnegrid.runtime.Ops} checks them when the
 * interpreter reaches an operation.
 */
package daphnegrid.dsl.types;
