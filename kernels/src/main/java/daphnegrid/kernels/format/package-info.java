/**
 * Exact text renderings of numbers as DAPHNE's C++ runtime produces them: {@code %.6g} for {@code
 * print}, {@code %f} for string conversion and CSV files.
 */
package daphnegrid.kernels.format;
