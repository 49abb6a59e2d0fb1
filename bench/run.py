#!/usr/bin/env python3
"""Runs the Java kernels (bench/KernelBench.java on the newest JDK) next to numpy doing the same
work on the same machine in the same run, and prints times and ratios.

    python3 bench/run.py            # full set (a few minutes, ~10 GiB of memory)
    python3 bench/run.py --quick    # small shapes only
    python3 bench/run.py --repeat 3 # run the whole comparison 3 times

ratio = numpy time / Java time, so > 1 means the Java kernel is faster. Times are the best and the
median of repeated runs after warm-up. numpy gets the same buffers-reused treatment where it has an
`out=` form (np.add(X, Y, out=Z)); transpose is np.copyto(T, X.T) into an existing array; sums
allocate nothing. OpenBLAS threads are set through OPENBLAS_NUM_THREADS per case; elementwise and
aggregation numpy is single-threaded whatever that says, so Java with 2 threads is shown against
numpy's only number.

numpy runs without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (the Java run keeps them): with them
OpenBLAS may take an older kernel than the CPU has. Each numpy process reports, through
threadpoolctl (`pip install threadpoolctl`; the benchmark stops without it), that they are unset
and which OpenBLAS kernel it uses (internal_api, architecture, version, num_threads); those lines
are printed above each round's table. The CPU model, the core count and the load average are
printed first, and the load average again last.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import benchlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Transparent huge pages (the kernel here is in madvise mode, so the JVM must ask): first touch of
# fresh memory drops from seconds to tens of ms per 76 MiB. AlwaysPreTouch costs 18-30 s of
# start-up for a 4-10 GiB heap on this VM, so it is left to long-running grid members.
JVM_OPTS = ["-Xmx10g", "-XX:+UseTransparentHugePages"]


def numpy_worker(cases):
    """Runs in a child process whose OPENBLAS_NUM_THREADS is already set; its result carries the
    reference report of this process under "reference"."""
    import numpy as np
    rng = np.random.default_rng(1)
    out = {"reference": benchlib.reference_report()}
    for op, shape, threads in cases:
        natural, out_form = benchlib.numpy_operation(np, rng, op, shape)
        f = out_form or natural
        times = []
        t_end = time.perf_counter() + 1.0
        for _ in range(2):
            f()
        while len(times) < 5 or (len(times) < 50 and time.perf_counter() < t_end + 2.0):
            t0 = time.perf_counter(); f(); times.append(time.perf_counter() - t0)
        times.sort()
        out[f"{op}:{shape}:{threads}"] = (times[0], statistics.median(times))
    print(json.dumps(out))


def run_numpy(cases, threads):
    env = benchlib.reference_env(OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    cmd = [sys.executable, __file__, "--numpy-worker", json.dumps(cases)]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def run_java(specs, extra_opts):
    classes = os.path.join(ROOT, "kernels", "target", "classes")
    if not os.path.isdir(classes):
        subprocess.run(["mvn", "-q", "-pl", "kernels", "-am", "install", "-DskipTests"], cwd=ROOT,
                       check=True)
    cmd = [os.path.join(benchlib.launcher_java_home(), "bin", "java"), "--add-modules", "jdk.incubator.vector", *JVM_OPTS, *extra_opts,
           "-cp", classes, os.path.join(ROOT, "bench", "KernelBench.java"), *specs]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("Java bench failed:\n" + res.stdout + res.stderr)
    out = {}
    for line in res.stdout.splitlines():
        if line.startswith("#"):
            print(line)
            continue
        p = line.split()
        op, rows, cols, threads = p[0], p[1], p[2], p[3]
        shape = rows if op == "gemm" else f"{rows}x{cols}"
        out[f"{op}:{shape}:{threads}"] = (float(p[4]), float(p[5]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--only", default="", help="comma-separated ops")
    ap.add_argument("--java-opt", action="append", default=[])
    ap.add_argument("--numpy-worker")
    a = ap.parse_args()
    if a.numpy_worker:
        numpy_worker(json.loads(a.numpy_worker))
        return
    benchlib.require_threadpoolctl("bench/run.py")
    benchlib.print_machine()
    gemm_n = [512, 1024] if a.quick else [512, 1024, 2048, 4096]
    shapes = ["2000x1000"] if a.quick else ["10000x1000", "20000x5000"]
    ops = ["add", "axpb", "sum", "colsums", "rowsums", "transpose"]
    if a.only:
        keep = a.only.split(",")
        ops = [o for o in ops if o in keep]
        if "gemm" not in keep:
            gemm_n = []
    cases = [("gemm", str(n), t) for n in gemm_n for t in (1, 2)]
    cases += [(op, s, t) for s in shapes for op in ops for t in (1, 2)]
    names = {"add": "X+Y", "axpb": "X*2+1", "sum": "sum(X)", "colsums": "colSums",
             "rowsums": "rowSums", "transpose": "t(X)", "gemm": "X@Y"}
    for rep in range(a.repeat):
        java = run_java([f"{op}:{s}:{t}" for op, s, t in cases], a.java_opt)
        npy, checks = {}, []
        for t in (1, 2):
            res = run_numpy([c for c in cases if c[2] == t], t)
            label = f"{t} thread(s)"
            checks.append(benchlib.describe_reference(label, res.pop("reference")))
            npy.update(res)
        print(f"\nround {rep + 1}: times in ms (best / median); ratio = numpy / Java, best times")
        print("\n".join(checks))
        print(f"{'op':8} {'shape':>11} {'thr':>3} {'Java best':>10} {'Java med':>9} "
              f"{'numpy best':>10} {'numpy med':>9} {'ratio':>6}  rate")
        for op, s, t in cases:
            key = f"{op}:{s}:{t}"
            jb, jm = java[key]
            nb, nm = npy[key]
            if op == "gemm":
                n = int(s)
                rate = f"{2 * n ** 3 / jb / 1e9:6.1f} GFLOP/s (numpy {2 * n ** 3 / nb / 1e9:.1f})"
            else:
                r, c = map(int, s.split("x"))
                cells = r * c
                moved = {"add": 24, "axpb": 16, "transpose": 16}.get(op, 8) * cells
                rate = f"{moved / jb / 1e9:6.1f} GB/s (numpy {moved / nb / 1e9:.1f})"
            print(f"{names[op]:8} {s:>11} {t:>3} {jb * 1e3:10.2f} {jm * 1e3:9.2f} "
                  f"{nb * 1e3:10.2f} {nm * 1e3:9.2f} {nb / jb:6.2f}  {rate}")
    print()
    benchlib.print_load_at_end()


if __name__ == "__main__":
    main()
