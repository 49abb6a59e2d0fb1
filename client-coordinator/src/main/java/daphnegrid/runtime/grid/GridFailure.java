package daphnegrid.runtime.grid;

import daphnegrid.kernels.KernelException;

/**
 * The grid could not do what was asked (members gone, the client disconnected, a block missing). A
 * {@link KernelException}, so the planner and the interpreter report it as a runtime error (exit 3)
 * at the script position of the operation, with the grid's reason.
 */
final class GridFailure extends KernelException {
  private static final long serialVersionUID = 1L;

  GridFailure(String message, Throwable cause) {
    super("grid: " + message + (cause == null ? "" : ": " + reason(cause)), cause);
  }

  private GridFailure(Throwable cause, String fullMessage) {
    super(fullMessage, cause);
  }

  /** A failure whose message is only message (it says all the user needs); cause is kept. */
  static GridFailure withoutReason(String message, Throwable cause) {
    return new GridFailure(cause, "grid: " + message);
  }

  static GridFailure of(String what, Throwable cause) {
    return cause instanceof GridFailure g ? g : new GridFailure(what, cause);
  }

  private static String reason(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName()
        + (m == null ? "" : " (" + m.lines().findFirst().orElse("") + ")");
  }
}
