"""Pieces the benchmark scripts share: the machine lines every script prints first and last, the
environment and the kernel check of the numpy (OpenBLAS) reference, the JDK the launchers pick,
and the numpy side of each operation.

Run as a script (`python3 bench/benchlib.py`), it imports numpy and prints the reference report of
its own process as JSON: that is how a benchmark checks a reference command it times as a whole.
"""
import importlib.util
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Set in this machine's environment (and passed on to test runners). With them OpenBLAS takes an
# older kernel than the CPU allows (Haswell on an AVX-512 machine) and its GEMM runs at about 60%
# of its speed, which would flatter us. Every numpy, scipy or OpenBLAS reference runs without them,
# in its own command only: tests, CI and our own (JVM) runs keep the environment they are given.
REFERENCE_UNSET = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


# ---- the machine --------------------------------------------------------------------------

def cpu_model():
    """The CPU model as /proc/cpuinfo names it ("model name" on x86, other keys elsewhere)."""
    try:
        with open("/proc/cpuinfo") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
    except OSError:
        return "unknown CPU (no /proc/cpuinfo)"
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    for key in ("model name", "Model", "Hardware", "cpu model", "Processor", "cpu"):
        if fields.get(key):
            return fields[key]
    return "unknown CPU"


def load():
    return "load %.2f %.2f %.2f" % os.getloadavg()


def print_machine():
    """The first line of every benchmark: what it runs on and how busy that is."""
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, {load()}", flush=True)


def print_load_at_end():
    """The last line of every benchmark: the load average after it."""
    print(f"machine at the end: {load()}", flush=True)


# ---- the numpy (OpenBLAS) reference -------------------------------------------------------

def require_threadpoolctl(script):
    """Stops the benchmark with how to install threadpoolctl, when this interpreter lacks it: the
    reference's kernel cannot be reported without it."""
    if importlib.util.find_spec("threadpoolctl") is None:
        sys.exit(f"{script} reports which OpenBLAS kernel numpy uses through threadpoolctl, which "
                 f"{sys.executable} does not have; install it with\n"
                 f"    {sys.executable} -m pip install threadpoolctl\n"
                 f"and run {script} again.")


def reference_env(**overrides):
    """The environment of a reference command: this process's, without REFERENCE_UNSET, with
    overrides (OPENBLAS_NUM_THREADS=...) on top. os.environ itself is not changed."""
    env = {k: v for k, v in os.environ.items() if k not in REFERENCE_UNSET}
    env.update(overrides)
    return env


def reference_report():
    """What this process's reference runs with: the REFERENCE_UNSET variables as its os.environ
    has them (None when unset) and, through threadpoolctl, each BLAS library numpy has loaded."""
    import numpy
    from threadpoolctl import threadpool_info
    blas = [{k: lib.get(k) for k in ("internal_api", "architecture", "version", "num_threads")}
            for lib in threadpool_info() if lib.get("user_api") == "blas"]
    return {"numpy": numpy.__version__,
            "environ": {name: os.environ.get(name) for name in REFERENCE_UNSET},
            "blas": blas}


def probe_reference(env):
    """reference_report() of a fresh python3 + numpy process with env: for reference commands
    that are timed as whole processes, where checking inside would be timed too."""
    p = subprocess.run([sys.executable, os.path.abspath(__file__)], env=env, capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit("the numpy reference check failed:\n" + p.stderr)
    return json.loads(p.stdout.strip().splitlines()[-1])


def describe_reference(label, report):
    """One line for a reference report ("numpy 2.4.6, <label>: ..."); stops the benchmark if a
    REFERENCE_UNSET variable reached the reference."""
    leaked = {k: v for k, v in report["environ"].items() if v is not None}
    if leaked:
        sys.exit(f"numpy, {label}: the reference ran with "
                 + " ".join(f"{k}={v}" for k, v in leaked.items())
                 + "; OpenBLAS may then use an older kernel than this CPU has")
    env = "os.environ without " + " and ".join(REFERENCE_UNSET)
    kept = [f"{k}={os.environ[k]}" for k in REFERENCE_UNSET if k in os.environ]
    if kept:
        env += f" (the benchmark's own: {' '.join(kept)})"
    if report["blas"]:
        kernel = "; ".join(" ".join(f"{k}={v}" for k, v in lib.items() if v is not None)
                           for lib in report["blas"])
    else:
        kernel = "none loaded"
    return f"numpy {report['numpy']}, {label}: {env}; threadpoolctl BLAS: {kernel}"


# ---- the JDK and the operations -----------------------------------------------------------


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


if __name__ == "__main__":
    print(json.dumps(reference_report()))
