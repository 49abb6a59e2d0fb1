#!/usr/bin/env python3
"""CSR kernels of one bin/daphne run against scipy.sparse in the same run.

    python3 bench/sparse.py            # 200,000 x 200,000 with 4M non-zeros, times 200,000 x 32,
                                       # then conv2d on 64 x 3 x 224 x 224 (about 4 GiB of memory)
    python3 bench/sparse.py --quick    # 20,000 x 20,000 with 400k non-zeros, conv2d on 4 images
    python3 bench/sparse.py --no-conv2d

X is DAPHNE's sparse rand (under --select-matrix-repr, so X is CSR and X * 2 stays CSR); D is a
dense f64 matrix of n x 32. Timed in the script with now(), best of the repetitions after one
warm-up: X @ D, sum(X), rowSums (sum(X, 0)) and X * 2. scipy does the same on a scipy.sparse.random
CSR matrix of the same shape and non-zero count (float64 values, int32 indices, as ours), best of
the same repetitions. ratio = scipy time / our time (> 1: we are faster). Then the heap one such
matrix takes (bench/SparseMemory.java) against the bytes of its CSR arrays, and the heap two grid
members take for it with its backups (bench/SparseGridMemory.java, needs `mvn -DskipTests package`
for deploy/target/lib). Last, the DNN part of
issue 11 in the same run: conv2d on a batch of 64 3-channel 224 x 224 images with 64 3x3 filters
against numpy im2col + OpenBLAS, as bench/dnn.py runs it (its compare_conv2d, on all cores).

scipy runs without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (bench/benchlib.py); `pip install scipy`
if it is missing. The CPU model and the load average are printed first, the load again last.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import benchlib
import dnn

ROOT = benchlib.ROOT
OPS = ("X @ D", "sum(X)", "rowSums", "X * 2")

DAPH = """
X = rand({n}, {n}, 1.0, 2.0, {sparsity}, 42);
D = rand({n}, 32, 0.0, 1.0, 1.0, 7);
best = fill(9.0e18, 1, 4);
Y = X * 2;
for (i in 0:{reps}) {{
  t0 = now(); P = X @ D; t1 = now();
  s = sum(X); t2 = now();
  r = sum(X, 0); t3 = now();
  Y = X * 2; t4 = now();
  if (i > 0) {{
    best = min(best, [as.f64(t1 - t0), as.f64(t2 - t1), as.f64(t3 - t2), as.f64(t4 - t3)](1, 4));
  }}
}}
print(typeOf(X));
print(typeOf(Y));
print(best / 1000000.0);
"""

SCIPY = r"""
import json, sys, time
import numpy as np
import scipy, scipy.sparse as sp
n, nnz, reps = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(1)
X = sp.random(n, n, density=nnz / (n * n), format="csr", dtype=np.float64, random_state=rng)
X.data += 1.0
D = rng.random((n, 32))
ops = [lambda: X @ D, lambda: X.sum(), lambda: X.sum(axis=1), lambda: X * 2]
best = [float("inf")] * 4
for i in range(reps + 1):
    for k, f in enumerate(ops):
        t0 = time.perf_counter(); f(); t = time.perf_counter() - t0
        if i > 0:
            best[k] = min(best[k], t)
print(json.dumps({"scipy": scipy.__version__, "nnz": int(X.nnz), "index": str(X.indices.dtype),
                  "csr_bytes": int(X.data.nbytes + X.indices.nbytes + X.indptr.nbytes),
                  "ms": [b * 1000 for b in best]}))
"""


def run_daphne(n, sparsity, reps, threads):
    with tempfile.TemporaryDirectory() as d:
        script = os.path.join(d, "sparse.daph")
        with open(script, "w") as f:
            f.write(DAPH.format(n=n, sparsity=sparsity, reps=reps))
        env = dict(os.environ, DAPHNE_EXTRA_JVM_ARGS="-Xmx6g")
        p = subprocess.run([os.path.join(ROOT, "bin", "daphne"), "--select-matrix-repr",
                            f"--num-threads={threads}", script],
                           capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit("bin/daphne failed:\n" + p.stdout + p.stderr)
    lines = p.stdout.strip().splitlines()
    return lines[0], lines[1], [float(v) for v in lines[3].split()]


def run_scipy(n, nnz, reps):
    try:
        import scipy  # noqa: F401
    except ImportError:
        sys.exit(f"scipy is missing: {sys.executable} -m pip install scipy")
    p = subprocess.run([sys.executable, "-c", SCIPY, str(n), str(nnz), str(reps)],
                       capture_output=True, text=True, env=benchlib.reference_env())
    if p.returncode != 0:
        sys.exit("the scipy reference failed:\n" + p.stderr)
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_memory(n, sparsity):
    java = os.path.join(benchlib.launcher_java_home(), "bin", "java")
    p = subprocess.run([java, "-Xmx6g", "-cp", os.path.join(ROOT, "kernels", "target", "classes"),
                        os.path.join(ROOT, "bench", "SparseMemory.java"), str(n), str(n),
                        str(sparsity)], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("bench/SparseMemory.java failed:\n" + p.stderr)
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_grid_memory(n, sparsity):
    """The heap the grid (two members in one JVM, backup count 1) takes for the same matrix."""
    java = os.path.join(benchlib.launcher_java_home(), "bin", "java")
    lib = os.path.join(ROOT, "deploy", "target", "lib", "*")
    p = subprocess.run([java, "-Xmx6g", "-cp", lib, "--add-modules", "jdk.incubator.vector",
                        os.path.join(ROOT, "bench", "SparseGridMemory.java"), str(n), str(n),
                        str(sparsity)], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("bench/SparseGridMemory.java failed:\n" + p.stderr)
    return json.loads(p.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--conv-images", type=int, help="images of the conv2d batch (64; --quick: 4)")
    ap.add_argument("--conv-repeat", type=int, default=5, help="timed conv2d calls per side")
    ap.add_argument("--no-conv2d", action="store_true", help="the sparse operations only")
    a = ap.parse_args()
    if not a.no_conv2d:
        benchlib.require_threadpoolctl("bench/sparse.py")
    n, nnz = (20_000, 400_000) if a.quick else (200_000, 4_000_000)
    sparsity = nnz / (n * n)
    benchlib.print_machine()
    print(f"X: {n} x {n}, {nnz} non-zeros (sparsity {sparsity:g}); D: {n} x 32; "
          f"best of {a.reps} after a warm-up; bin/daphne --num-threads={a.threads}; "
          f"scipy single-threaded", flush=True)
    tx, ty, ours = run_daphne(n, sparsity, a.reps, a.threads)
    ref = run_scipy(n, nnz, a.reps)
    print(f"bin/daphne: X is {tx}, X * 2 is {ty}")
    print(f"scipy {ref['scipy']} (environment without {' and '.join(benchlib.REFERENCE_UNSET)}); "
          f"its X: {ref['nnz']} non-zeros, {ref['index']} indices")
    print(f"{'operation':10} {'daphne ms':>10} {'scipy ms':>10} {'ratio':>7}")
    for op, o, s in zip(OPS, ours, ref["ms"]):
        print(f"{op:10} {o:10.2f} {s:10.2f} {s / o:7.2f}")
    mem = run_memory(n, sparsity)
    print(f"memory of X: {mem['heap_bytes'] / 1e6:.1f} MB on the heap for {mem['nnz']} non-zeros, "
          f"CSR arrays {mem['csr_bytes'] / 1e6:.1f} MB: {mem['ratio']:.3f}x "
          f"(scipy's arrays: {ref['csr_bytes'] / 1e6:.1f} MB)", flush=True)
    grid = run_grid_memory(n, sparsity)
    print(f"memory of X on the grid (2 members, backup count 1): "
          f"{grid['heap_bytes'] / 1e6:.1f} MB for {grid['copies']} copies of "
          f"{grid['csr_bytes'] / 1e6:.1f} MB of CSR arrays: {grid['ratio_per_copy']:.3f}x per copy",
          flush=True)
    if not a.no_conv2d:
        images = a.conv_images or (4 if a.quick else 64)
        print(f"conv2d against numpy im2col + OpenBLAS (bench/dnn.py), {images} images:", flush=True)
        dnn.compare_conv2d(images, a.conv_repeat)
    benchlib.print_load_at_end()


if __name__ == "__main__":
    main()
