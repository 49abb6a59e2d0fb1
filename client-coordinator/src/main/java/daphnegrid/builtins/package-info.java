/**
 * DaphneDSL's built-in functions. {@link daphnegrid.builtins.Builtins} is the table the checker and
 * the interpreter look names up in, and knows the DaphneDSL built-ins this runtime rejects as
 * unsupported. Each {@link daphnegrid.builtins.Builtin} gives its argument counts and keyword names
 * and the {@link daphnegrid.builtins.BuiltinFamily} that types its calls before the script runs and
 * executes them: data generation, math, aggregation, matrix and I/O families (package-private
 * classes). {@link daphnegrid.builtins.CallBinding} binds positional and keyword arguments to
 * parameters, for built-ins and user functions alike; {@link daphnegrid.builtins.Invocation} is one
 * call at run time; {@link daphnegrid.builtins.Typing} holds type rules the families and the
 * checker share.
 */
package daphnegrid.builtins;
