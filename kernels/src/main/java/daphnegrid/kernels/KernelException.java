package daphnegrid.kernels;

/**
 * A failure caused by the data a kernel was given (shape mismatch, domain error, bad argument), as
 * opposed to a bug. The coordinator reports it as a script execution error (exit code 3) at the
 * position of the operation that called the kernel.
 */
public class KernelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KernelException(String message) {
    super(message);
  }

  public KernelException(String message, Throwable cause) {
    super(message, cause);
  }
}
