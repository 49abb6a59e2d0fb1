/** The {@code daphne} command: options, exit codes, the error handler. */
package daphnegrid.cli;
