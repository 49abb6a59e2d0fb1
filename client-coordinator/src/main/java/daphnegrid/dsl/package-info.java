/**
 * The DaphneDSL front end: positions and diagnostics, the lexer, the parser and the module loader
 * that reads and parses imported files once per run. Each phase takes the previous phase's output;
 * see {@link daphnegrid.dsl.Parser} for the grammar and {@link daphnegrid.dsl.ModuleLoader} for
 * imports.
 */
package daphnegrid.dsl;
