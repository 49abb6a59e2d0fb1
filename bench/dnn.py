#!/usr/bin/env python3
"""conv2d on a batch of 64 3-channel 224x224 images with 64 3x3 filters (stride 1, padding 1):
bin/daphne against numpy doing im2col + OpenBLAS GEMM, in the same run.

    python3 bench/dnn.py               # 5 timed calls each (needs about 4 GiB of memory)
    python3 bench/dnn.py --repeat 3 --images 16

DaphneDSL side: one bin/daphne run generates the inputs, then calls conv2d --repeat times, each
timed with now() around the call alone; the first call includes the JIT's warm-up. numpy side: per
image, the patch matrix (27 shifted copies of the padded image's channels), then W @ patches into the
image's rows of an (N, F*P*Q) result allocated once (the DaphneDSL runtime writes each new result
into the array of a result no longer reachable, so after the first call neither side pays for
fresh memory), OPENBLAS_NUM_THREADS = the core count, without
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (see benchlib). Both sides use the same inputs (cell values
from a formula) and the benchmark stops unless both results have the same sum (a broken kernel
cannot post a time). ratio = numpy best / DaphneDSL best, so >= 1 means DaphneDSL is faster.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import benchlib

ROOT = benchlib.ROOT
C, HW, F, K = 3, 224, 64, 3

SCRIPT = """
N = {n};
cells = N * {c} * {hw} * {hw};
X = reshape((seq(0.0, as.f64(cells - 1), 1.0) % 17.0) / 17.0, N, {c} * {hw} * {hw});
W = reshape((seq(0.0, as.f64({f} * {c} * {k} * {k} - 1), 1.0) % 7.0) - 3.0, {f}, {c} * {k} * {k});
Y = fill(0.0, 1, 1);
for (i in 1:{repeat}) {{
  t0 = now();
  Y, outH, outW = conv2d(X, W, N, {c}, {hw}, {hw}, {k}, {k}, 1, 1, 1, 1);
  t1 = now();
  print("conv2d_ns " + (t1 - t0));
}}
print("sum " + sum(Y));
"""


def inputs(np, n):
    x = ((np.arange(n * C * HW * HW, dtype=np.float64) % 17.0) / 17.0).reshape(n, C, HW, HW)
    w = ((np.arange(F * C * K * K, dtype=np.float64) % 7.0) - 3.0).reshape(F, C * K * K)
    return x, w


def numpy_worker(n, repeat):
    import numpy as np
    x, w = inputs(np, n)
    times = []
    out = np.empty((n, F, HW * HW))  # reused, as DaphneDSL reuses the array of the result it replaces
    out.fill(0.0)
    cols = np.empty((C * K * K, HW, HW))
    for _ in range(repeat):
        t0 = time.perf_counter()
        xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
        for i in range(n):
            k = 0
            for c in range(C):  # patch row (c, r, s) = the padded channel shifted by (r, s)
                for r in range(K):
                    for s in range(K):
                        cols[k] = xp[i, c, r:r + HW, s:s + HW]
                        k += 1
            np.matmul(w, cols.reshape(C * K * K, HW * HW), out=out[i])
        times.append(time.perf_counter() - t0)
    print(json.dumps({"reference": benchlib.reference_report(), "times": times,
                      "sum": float(out.sum())}))


def run_numpy(n, repeat):
    threads = str(os.cpu_count())
    env = benchlib.reference_env(OPENBLAS_NUM_THREADS=threads, OMP_NUM_THREADS=threads)
    cmd = [sys.executable, __file__, "--numpy-worker", str(n), "--repeat", str(repeat)]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("numpy reference failed:\n" + res.stderr)
    return json.loads(res.stdout.strip().splitlines()[-1])


def run_daphne(n, repeat):
    daphne = os.path.join(ROOT, "bin", "daphne")
    with tempfile.NamedTemporaryFile("w", suffix=".daph", delete=False) as f:
        f.write(SCRIPT.format(n=n, c=C, hw=HW, f=F, k=K, repeat=repeat))
        path = f.name
    try:
        res = subprocess.run([daphne, path], capture_output=True, text=True)
    finally:
        os.unlink(path)
    if res.returncode != 0:
        sys.exit("bin/daphne failed:\n" + res.stdout + res.stderr)
    times, total = [], None
    for line in res.stdout.splitlines():
        key, value = line.split(" ", 1)
        if key == "conv2d_ns":
            times.append(int(value) / 1e9)
        elif key == "sum":
            total = float(value)
    return times, total


def compare_conv2d(n, repeat):
    """Runs conv2d on n images in bin/daphne and numpy, checks the sums and prints the times and
    the ratio (numpy best / DaphneDSL best), which it returns. bench/sparse.py calls this too."""
    flop = 2.0 * n * F * C * K * K * HW * HW
    daphne_times, daphne_sum = run_daphne(n, repeat)
    ref = run_numpy(n, repeat)
    print(benchlib.describe_reference(f"{os.cpu_count()} thread(s)", ref["reference"]))
    # DaphneDSL prints the sum with 6 significant digits
    if abs(daphne_sum - ref["sum"]) > 1e-5 * abs(ref["sum"]):
        sys.exit(f"results differ: DaphneDSL sum {daphne_sum}, numpy sum {ref['sum']}")
    print(f"conv2d {n}x{C}x{HW}x{HW}, {F} {K}x{K} filters, stride 1, padding 1 "
          f"({flop / 1e9:.1f} GFLOP); times in ms")
    for name, times in (("DaphneDSL", daphne_times), ("numpy", ref["times"])):
        best = min(times)
        print(f"{name:10} first {times[0] * 1e3:9.1f}  best {best * 1e3:9.1f}  "
              f"median {statistics.median(times) * 1e3:9.1f}  {flop / best / 1e9:6.1f} GFLOP/s")
    ratio = min(ref["times"]) / min(daphne_times)
    print(f"ratio (numpy best / DaphneDSL best): {ratio:.2f}", flush=True)
    return ratio


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--numpy-worker", type=int)
    a = ap.parse_args()
    if a.numpy_worker:
        numpy_worker(a.numpy_worker, a.repeat)
        return
    benchlib.require_threadpoolctl("bench/dnn.py")
    benchlib.print_machine()
    compare_conv2d(a.images, a.repeat)
    benchlib.print_load_at_end()


if __name__ == "__main__":
    main()
