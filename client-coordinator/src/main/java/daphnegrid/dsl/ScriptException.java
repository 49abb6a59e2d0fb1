package daphnegrid.dsl;

import java.util.List;

/**
 * A mistake in the script (as opposed to a bug in this program): reported as one line per
 * diagnostic, never with a stack trace, with the exit code of its phase (spec 11.4): 1 for parse
 * and name errors found before execution, 2 for type and shape errors found before execution, 3 for
 * errors while running.
 */
public abstract sealed class ScriptException extends RuntimeException
    permits ScriptException.Parse, ScriptException.Compile, ScriptException.Runtime {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  private ScriptException(List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "" : diagnostics.get(0).render(), null, false, false);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public abstract int exitCode();

  /** A syntax or name/arity error found before anything ran (exit 1). */
  public static final class Parse extends ScriptException {
    private static final long serialVersionUID = 1L;

    public Parse(List<Diagnostic> diagnostics) {
      super(diagnostics);
    }

    public Parse(Span at, String message) {
      this(List.of(new Diagnostic(at, message)));
    }

    @Override
    public int exitCode() {
      return 1;
    }
  }

  /** A type or shape error found before anything ran (exit 2). */
  public static final class Compile extends ScriptException {
    private static final long serialVersionUID = 1L;

    public Compile(Span at, String message) {
      super(List.of(new Diagnostic(at, message)));
    }

    @Override
    public int exitCode() {
      return 2;
    }
  }

  /** An error while the script runs: shapes, bounds, domains, I/O, stop() (exit 3). */
  public static final class Runtime extends ScriptException {
    private static final long serialVersionUID = 1L;

    public Runtime(Span at, String message) {
      super(List.of(new Diagnostic(at, message)));
    }

    @Override
    public int exitCode() {
      return 3;
    }
  }
}
