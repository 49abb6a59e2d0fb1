/**
 * The DaphneDSL front end: positions and diagnostics, the lexer and the parser. Each phase takes
 * the previous phase's output; see {@link daphnegrid.dsl.Parser} for the grammar.
 */
package daphnegrid.dsl;
