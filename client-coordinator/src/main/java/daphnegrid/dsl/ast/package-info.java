/** The DaphneDSL syntax tree: immutable records, one per construct. */
package daphnegrid.dsl.ast;
