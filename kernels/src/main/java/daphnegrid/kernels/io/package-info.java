/**
 * Matrix files: the CSV dialect of spec 10.3 ({@link daphnegrid.kernels.io.CsvReader}, {@link
 * daphnegrid.kernels.io.CsvWriter}), format dispatch by file extension ({@link
 * daphnegrid.kernels.io.FileFormat}) and all-or-nothing file replacement ({@link
 * daphnegrid.kernels.io.AtomicFiles}). JDK only, so grid members can read their own row ranges.
 */
package daphnegrid.kernels.io;
