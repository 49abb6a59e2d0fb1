/**
 * {@code sql(query)} over frames registered with {@code registerView} (spec 7.12). {@link Sql}
 * parses the query with JSqlParser (a maintained SQL parser from Maven Central; we write no SQL
 * grammar) and {@link SelectRunner} executes it column by column with the relational kernels of
 * {@code daphnegrid.kernels.relational}: hash joins, hash grouping and stable sorts on all cores.
 * {@link SqlError} carries a position inside the query; the built-in adds the script's.
 *
 * <p>Why JSqlParser and not Calcite's parser (measured on this machine, a fresh JVM each time, time
 * to parse one first query): JSqlParser 5.4 is one 2.0 MB jar without dependencies and parses its
 * first query in 0.46-0.76 s (parser built directly, 0.5-1.3 s through CCJSqlParserUtil, which adds
 * an executor thread); calcite-core 1.42.0 brings 46 jars, 28.8 MB, and takes 0.77-1.87 s.
 */
package daphnegrid.sql;
