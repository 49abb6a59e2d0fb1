package daphnegrid.config;

/**
 * A grid problem the user can act on: bad worker addresses or configuration, or a grid that cannot
 * be reached. The message is meant for the user as it is (one line, naming the offending value);
 * the CLI reports it as a runtime error.
 */
public class GridException extends RuntimeException {
  public GridException(String message) {
    super(message);
  }

  public GridException(String message, Throwable cause) {
    super(message, cause);
  }
}
