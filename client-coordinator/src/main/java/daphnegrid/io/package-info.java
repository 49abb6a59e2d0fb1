/**
 * Text the coordinator produces and consumes: the {@code print} format ({@link
 * daphnegrid.io.Printer}), {@code .meta} files ({@link daphnegrid.io.MetaFile}) and the {@code
 * readMatrix}/{@code write} built-ins over them ({@link daphnegrid.io.MatrixFiles}). CSV parsing
 * and number rendering live in the kernels module, where grid members can use them too.
 */
package daphnegrid.io;
