package daphnegrid.config;

/**
 * The grid could not be used: no worker answered, the cluster name did not match, or fewer members
 * than expected formed a safe cluster before the deadline. The message names the addresses and the
 * cluster name.
 */
public final class GridUnavailableException extends GridException {
  public GridUnavailableException(String message) {
    super(message);
  }

  public GridUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
