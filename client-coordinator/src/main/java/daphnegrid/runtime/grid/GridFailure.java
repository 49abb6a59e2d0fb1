package daphnegrid.runtime.grid;

import daphnegrid.config.serial.BlockSealException;
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

  /**
   * A failure of what because of cause; a block that failed its seal check anywhere in cause's
   * chain is the whole message, as the check wrote it (it names the block and the tampering).
   */
  static GridFailure of(String what, Throwable cause) {
    if (cause instanceof GridFailure g) {
      return g;
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof BlockSealException seal) {
        return new GridFailure(cause, seal.getMessage());
      }
    }
    return new GridFailure(what, cause);
  }

  private static String reason(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName()
        + (m == null ? "" : " (" + m.lines().findFirst().orElse("") + ")");
  }
}
