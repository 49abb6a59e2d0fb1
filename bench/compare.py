#!/usr/bin/env python3
"""Runs DaphneDSL benchmark scripts (bench/dsl/*.daph) through bin/daphne next to numpy doing the
same work, in the same run on the same machine, and prints times and ratios; optionally next to
Apache SystemDS 3.3 for the end-to-end scripts.

    python3 bench/compare.py                   # everything (~15 min, ~8 GiB of memory)
    python3 bench/compare.py --quick           # small shapes, GEMM 512 and 1024
    python3 bench/compare.py --only gemm,add   # some cases (gemm add axpb sum colsums rowsums
                                               #   transpose standardize kmeans_step e2e)
    python3 bench/compare.py --shapes 10000x1000   # the elementwise and reduction cases on these
                                               #   shapes only (standardize: the first)
    python3 bench/compare.py --systemds        # also SystemDS 3.3 end to end (fetched from Maven
                                               #   Central into ~/.cache/daphne-grid-bench)
    python3 bench/compare.py --repeat 5        # end-to-end runs per tool (default 3)

Operations: each script times its operation with now() on every repetition, after making its data;
the first repetitions are warm-up (the JIT compiles, the vector loops take over from their plain
twins) and are dropped; best and median are over the rest. numpy runs the same operation the way a
numpy user writes it (Z = X + Y allocates Z); where numpy has a form writing into an existing array
(np.add(X, Y, out=Z), np.copyto(T, X.T)) that is timed too ("numpy out="). OPENBLAS_NUM_THREADS
is set per thread count; numpy's elementwise and reductions are single-threaded whatever it says.

numpy runs without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (bin/daphne keeps them): with them
OpenBLAS may take an older kernel than the CPU has. Each numpy process reports, through
threadpoolctl (`pip install threadpoolctl`; the benchmark stops without it), that they are unset
and which OpenBLAS kernel it uses (internal_api, architecture, version, num_threads); that line is
printed above its rows.

End to end: k-means (100,000 x 20, 5 centroids, 10 iterations) and linear regression by the normal
equations (100,000 x 100) as whole processes: bin/daphne (JVM start included), python3 + numpy
(interpreter start and import included), and SystemDS (JVM start included). Runs of the tools are
interleaved so they share the machine's load. The numpy side's environment and kernel are checked
by an untimed process with the same environment, so the check is not in its time.

ratio = other / bin/daphne time: above 1 means bin/daphne is faster. Memory bandwidth (STREAM-like
copy and read, bench/stream.c, built with gcc when available) is measured in the same run so the
rates can be read against what the machine allows. The CPU model, the core count and the load
average are printed first, and the load average again last: this is usually a shared machine.
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import benchlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAPHNE = os.path.join(ROOT, "bin", "daphne")
DSL = os.path.join(ROOT, "bench", "dsl")
CACHE = os.path.join(os.path.expanduser("~"), ".cache", "daphne-grid-bench")

NAMES = {"gemm": "X@Y", "add": "X+Y", "axpb": "X*2+1", "sum": "sum(X)", "colsums": "colSums",
         "rowsums": "rowSums", "transpose": "t(X)", "standardize": "standardize",
         "kmeans_step": "k-means step"}
SCRIPTS = {"gemm": "gemm", "add": "ew_add", "axpb": "ew_axpb", "sum": "agg_sum",
           "colsums": "agg_colsums", "rowsums": "agg_rowsums", "transpose": "reorg_t",
           "standardize": "standardize", "kmeans_step": "kmeans_step"}
# bytes a pass moves per cell (reads + writes), for the GB/s column
BYTES = {"add": 24, "axpb": 16, "sum": 8, "colsums": 8, "rowsums": 8, "transpose": 16,
         "standardize": 24}


def reps_for(op, shape):
    """(repetitions, dropped warm-up repetitions) for a case."""
    if op == "gemm":
        n = int(shape)
        return {512: (40, 20), 1024: (16, 8), 2048: (6, 3), 4096: (3, 1)}[n]
    if op == "kmeans_step":
        # the fused pass's loops (the narrow product, the assignment, the skip-zeros update, the
        # column sums) turn to vector code one after the other: on two threads of a 2-core machine
        # that took 100-150 repetitions (about 1.5 s), so 30 dropped ones timed the warm-up
        return 400, 250
    if op == "standardize":
        return 60, 45
    r, c = map(int, shape.split("x"))
    cells = r * c
    # the warm-up gate switches a loop to vector code after 2^26 cells of plain work, and not
    # before the process has run for 0.4 s (its quiet time): on 10000x1000 the first 30-60
    # repetitions can fall in it, so 80 are dropped
    return (100, 80) if cells <= 20_000_000 else (10, 4)


def daphne_case(op, shape, threads):
    reps, drop = reps_for(op, shape)
    args = [f"reps={reps}"]
    if op == "gemm":
        args.append(f"n={shape}")
    elif op == "kmeans_step":
        r, c = shape.split("x")
        args += [f"rows={r}", f"cols={c}", "k=5"]
    else:
        r, c = shape.split("x")
        args += [f"rows={r}", f"cols={c}"]
    cmd = [DAPHNE, f"--num-threads={threads}", os.path.join(DSL, SCRIPTS[op] + ".daph")] + args
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    times = [int(x) / 1e9 for x in p.stdout.split()]
    kept = sorted(times[drop:])
    return kept[0], statistics.median(kept)


def numpy_worker(cases):
    """Runs in a child process whose OPENBLAS_NUM_THREADS is already set; its result carries the
    reference report of this process under "reference"."""
    import numpy as np
    rng = np.random.default_rng(1)
    out = {"reference": benchlib.reference_report()}
    for op, shape in cases:
        reps, drop = reps_for(op, shape)
        if op == "kmeans_step":
            r, c = map(int, shape.split("x"))
            x = rng.random((r, c)); cent = [rng.random((5, c))]

            def f():
                C = cent[0]
                D = -2.0 * (x @ C.T) + (C ** 2).sum(axis=1)
                P = (D <= D.min(axis=1, keepdims=True)).astype(np.float64)
                P = P / P.sum(axis=1, keepdims=True)
                cent[0] = (P.T @ x) / P.sum(axis=0)[:, None]
            fout = None
        else:
            f, fout = benchlib.numpy_operation(np, rng, op, shape)
        res = {}
        for name, fn in (("natural", f), ("out", fout)):
            if fn is None:
                continue
            times = []
            for _ in range(reps):
                t0 = time.perf_counter(); fn(); times.append(time.perf_counter() - t0)
            kept = sorted(times[drop:])
            res[name] = (kept[0], statistics.median(kept))
        out[f"{op}:{shape}"] = res
    print(json.dumps(out))


def run_numpy(cases, threads):
    env = benchlib.reference_env(OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    cmd = [sys.executable, __file__, "--numpy-worker", json.dumps(cases)]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("numpy worker failed:\n" + res.stderr)
    return json.loads(res.stdout.strip().splitlines()[-1])


def stream(threads):
    """(copy GB/s, read GB/s) from bench/stream.c, or None without gcc."""
    if shutil.which("gcc") is None:
        return None
    exe = os.path.join(tempfile.gettempdir(), "daphne-grid-stream")
    src = os.path.join(ROOT, "bench", "stream.c")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        b = subprocess.run(["gcc", "-O3", "-march=native", "-fopenmp", src, "-o", exe],
                           capture_output=True, text=True)
        if b.returncode != 0:
            return None
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OMP_PROC_BIND="false")
    p = subprocess.run([exe], env=env, capture_output=True, text=True)
    w = p.stdout.split()
    return float(w[1]), float(w[3])


# ---- end to end ---------------------------------------------------------------------------

NUMPY_KMEANS = """
import numpy as np
rng = np.random.default_rng(7)
X = rng.random((100000, 20)); C = rng.random((5, 20))
for it in range(10):
    D = -2.0 * (X @ C.T) + (C ** 2).sum(axis=1)
    P = (D <= D.min(axis=1, keepdims=True)).astype(np.float64)
    P = P / P.sum(axis=1, keepdims=True)
    C = (P.T @ X) / P.sum(axis=0)[:, None]
print(C.sum())
"""

NUMPY_LM = """
import numpy as np
rng = np.random.default_rng(7)
X = rng.random((100000, 100))
beta = np.arange(1.0, 101.0) / 100
y = X @ beta + rng.uniform(-0.01, 0.01, 100000)
A = X.T @ X
b = X.T @ y
w = np.linalg.solve(A, b)
r = y - X @ w
print(np.abs(w - beta).max())
print((r * r).sum())
"""


def systemds_classpath():
    """The SystemDS 3.3.0 classpath, resolved with Maven into the cache; (None, reason) if not."""
    d = os.path.join(CACHE, "systemds")
    cp_file = os.path.join(d, "cp.txt")
    if os.path.exists(cp_file):
        return open(cp_file).read().strip(), None
    if shutil.which("mvn") is None:
        return None, "mvn is not on the PATH"
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "pom.xml"), "w") as f:
        f.write("""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>systemds-run</artifactId><version>1</version>
  <dependencies><dependency>
    <groupId>org.apache.systemds</groupId><artifactId>systemds</artifactId><version>3.3.0</version>
  </dependency></dependencies>
</project>
""")
    p = subprocess.run(["mvn", "-q", "dependency:build-classpath", "-Dmdep.outputFile=cp.txt"],
                       cwd=d, capture_output=True, text=True)
    if p.returncode != 0 or not os.path.exists(cp_file):
        return None, "Maven could not resolve org.apache.systemds:systemds:3.3.0:\n" + p.stdout[-2000:]
    return open(cp_file).read().strip(), None


def systemds_java():
    """SystemDS 3.3 supports Java 11 and 17: the JDK 17 if there is one, else java on the PATH."""
    for home in sorted(glob.glob("/usr/lib/jvm/*17*")):
        if os.path.exists(os.path.join(home, "bin", "java")):
            return os.path.join(home, "bin", "java")
    return shutil.which("java")


def timed(cmd, env=None):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    t = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return t


def end_to_end(repeat, with_systemds):
    tools = {"bin/daphne": {}, "numpy": {}}
    cp = None
    if with_systemds:
        cp, why = systemds_classpath()
        if cp is None:
            print("SystemDS: not run —", why)
        else:
            tools["SystemDS 3.3"] = {}
    jobs = {
        "k-means": {
            "bin/daphne": [DAPHNE, os.path.join(DSL, "kmeans.daph"), "n=100000", "m=20", "k=5",
                           "iterations=10"],
            "numpy": [sys.executable, "-c", NUMPY_KMEANS],
            "SystemDS 3.3": ["-f", os.path.join(ROOT, "bench", "systemds", "kmeans.dml"),
                             "-nvargs", "n=100000", "m=20", "k=5", "iterations=10"],
        },
        "lm": {
            "bin/daphne": [DAPHNE, os.path.join(DSL, "lm.daph"), "n=100000", "m=100"],
            "numpy": [sys.executable, "-c", NUMPY_LM],
            "SystemDS 3.3": ["-f", os.path.join(ROOT, "bench", "systemds", "lm.dml"),
                             "-nvargs", "n=100000", "m=100"],
        },
    }
    results = {job: {t: [] for t in tools} for job in jobs}
    daphne_env = dict(os.environ, OPENBLAS_NUM_THREADS=str(os.cpu_count()))
    numpy_env = benchlib.reference_env(OPENBLAS_NUM_THREADS=str(os.cpu_count()))
    numpy_check = benchlib.describe_reference("end to end",
                                              benchlib.probe_reference(numpy_env))
    for rep in range(repeat):
        for job, cmds in jobs.items():
            for tool in tools:
                if tool == "SystemDS 3.3":
                    cmd = [systemds_java(), "-Xmx4g", "-cp", cp,
                           "-Dlog4j.configuration=file:" +
                           os.path.join(ROOT, "bench", "systemds", "log4j.properties"),
                           "org.apache.sysds.api.DMLScript"] + cmds[tool]
                    env = None
                else:
                    cmd = cmds[tool]
                    env = numpy_env if tool == "numpy" else daphne_env
                results[job][tool].append(timed(cmd, env))
    print(f"\nend to end, wall seconds of whole processes, {repeat} runs each ({benchlib.load()})")
    print(numpy_check)
    print(f"{'job':8} {'tool':13} {'best':>7} {'median':>7}  ratio to bin/daphne (best, median)")
    for job in jobs:
        ours = results[job]["bin/daphne"]
        for tool in tools:
            ts = results[job][tool]
            ratio = ""
            if tool != "bin/daphne":
                ratio = f"{min(ts) / min(ours):5.2f}x {statistics.median(ts) / statistics.median(ours):5.2f}x"
            print(f"{job:8} {tool:13} {min(ts):7.2f} {statistics.median(ts):7.2f}  {ratio}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--shapes", default="")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--systemds", action="store_true")
    ap.add_argument("--numpy-worker")
    a = ap.parse_args()
    if a.numpy_worker:
        numpy_worker(json.loads(a.numpy_worker))
        return
    benchlib.require_threadpoolctl("bench/compare.py")
    benchlib.print_machine()
    only = set(a.only.split(",")) if a.only else None
    gemm_n = ["512", "1024"] if a.quick else ["512", "1024", "2048", "4096"]
    shapes = ["2000x1000"] if a.quick else ["10000x1000", "20000x5000"]
    if a.shapes:
        shapes = a.shapes.split(",")
    cases = [("gemm", n) for n in gemm_n]
    for s in shapes:
        cases += [(op, s) for op in ("add", "axpb", "sum", "colsums", "rowsums", "transpose")]
    cases += [("standardize", shapes[0]), ("kmeans_step", "100000x20")]
    if only is not None:
        cases = [c for c in cases if c[0] in only]
    threads = [int(t) for t in a.threads.split(",")]
    print(f"bin/daphne vs numpy on {os.cpu_count()} cores ({benchlib.load()})")
    bw = {t: stream(t) for t in threads}
    for t, b in bw.items():
        if b:
            print(f"memory bandwidth, {t} thread(s): copy {b[0]:.1f} GB/s, read {b[1]:.1f} GB/s")
    if cases:
        print(f"\ntimes in ms (best / median over the repetitions after warm-up); ratio = numpy /"
              f" bin/daphne, best times")
        print(f"{'op':12} {'shape':>10} {'thr':>3} {'daphne':>8} {'(med)':>8} {'numpy':>8}"
              f" {'(med)':>8} {'ratio':>6} {'np out=':>8} {'ratio':>6}  rate")
    for t in threads:
        npy = run_numpy(cases, t)
        if cases:
            print(benchlib.describe_reference(f"{t} thread(s)", npy["reference"]))
        for op, shape in cases:
            db, dm = daphne_case(op, shape, t)
            res = npy[f"{op}:{shape}"]
            nb, nm = res["natural"]
            out = res.get("out")
            outs = f"{out[0] * 1e3:8.2f} {out[0] / db:6.2f}" if out else f"{'':8} {'':6}"
            if op == "gemm":
                n = int(shape)
                rate = f"{2 * n ** 3 / db / 1e9:6.1f} GFLOP/s (numpy {2 * n ** 3 / min(nb, out[0] if out else nb) / 1e9:.1f})"
            elif op in BYTES:
                r, c = map(int, shape.split("x"))
                gbs = BYTES[op] * r * c / db / 1e9
                rate = f"{gbs:6.1f} GB/s"
                if bw.get(t):
                    ref = bw[t][0] if op in ("add", "axpb", "transpose") else bw[t][1]
                    what = "copy" if op in ("add", "axpb", "transpose") else "read"
                    rate += f" = {100 * gbs / ref:3.0f}% of {what}"
            else:
                rate = ""
            print(f"{NAMES[op]:12} {shape:>10} {t:>3} {db * 1e3:8.2f} {dm * 1e3:8.2f} "
                  f"{nb * 1e3:8.2f} {nm * 1e3:8.2f} {nb / db:6.2f} {outs}  {rate}", flush=True)
    if only is None or "e2e" in only:
        end_to_end(a.repeat, a.systemds)
    print()
    benchlib.print_load_at_end()


if __name__ == "__main__":
    main()
