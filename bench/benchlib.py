"""Pieces the benchmark scripts share: the JDK the launchers pick, and the numpy side of each
operation."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def launcher_java_home():
    """The JDK bin/daphne runs on (deploy/bin/java-env.sh decides: JAVA_HOME, then the newest)."""
    out = subprocess.run(
        ["bash", "-c", 'source "$1/deploy/bin/java-env.sh" && echo "$daphne_java_home"', "_", ROOT],
        capture_output=True, text=True, check=True)
    return out.stdout.strip()


def numpy_operation(np, rng, op, shape):
    """(natural, out) for op on data of shape ("n" for gemm, "RxC" otherwise): natural is how a
    numpy user writes it (allocating the result), out writes into an existing array, or None where
    numpy has no such form. Returns None for an op it does not know."""
    if op == "gemm":
        n = int(shape)
        x = rng.random((n, n)); y = rng.random((n, n)); z = np.empty((n, n))
        return (lambda: x @ y), (lambda: np.matmul(x, y, out=z))
    r, c = map(int, shape.split("x"))
    x = rng.random((r, c))
    if op == "add":
        y = rng.random((r, c)); z = np.empty((r, c))
        return (lambda: x + y), (lambda: np.add(x, y, out=z))
    if op == "axpb":
        z = np.empty((r, c))
        return (lambda: x * 2.0 + 1.0), (lambda: (np.multiply(x, 2.0, out=z),
                                                  np.add(z, 1.0, out=z)))
    if op == "sum":
        return (lambda: x.sum()), None
    if op == "colsums":
        return (lambda: x.sum(axis=0)), None
    if op == "rowsums":
        return (lambda: x.sum(axis=1)), None
    if op == "transpose":
        z = np.empty((c, r))
        return (lambda: x.T.copy()), (lambda: np.copyto(z, x.T))
    if op == "standardize":
        return (lambda: (x - x.mean(axis=0)) / x.std(axis=0)), None
    return None
