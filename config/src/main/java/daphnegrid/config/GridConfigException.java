package daphnegrid.config;

/** Malformed or missing configuration: DISTRIBUTED_WORKERS, a YAML file, a daphne.* property. */
public final class GridConfigException extends GridException {
  public GridConfigException(String message) {
    super(message);
  }

  public GridConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
