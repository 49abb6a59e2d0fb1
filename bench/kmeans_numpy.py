"""bench/kmeans.daph's loop against numpy on the same data: agreement to the printed precision.

    python3 bench/kmeans_numpy.py [--rows 100000] [--cols 100] [--k 8] [--iterations 10]

Draws X and the starting centroids with numpy, writes them as CSV with DAPHNE meta files into a
temporary directory, runs the same k-means loop through bin/daphne (1 and 2 threads, and
--distributed on an embedded grid) and in numpy, and prints sum(C) from each, formatted as
DaphneDSL's print formats a double (6 significant digits). Exits 1 when they differ. Run numpy's
side with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, as the README says:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 bench/kmeans_numpy.py
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAPHNE = os.path.join(ROOT, "bin", "daphne")

SCRIPT = """X = readMatrix("{x}");
C = readMatrix("{c}");
for (it in 1:{iterations}) {{
    D = -2.0 * (X @ t(C)) + t(sum(C ^ 2, 0));
    P = D <= aggMin(D, 0);
    P = P / sum(P, 0);
    C = (t(P) @ X) / t(sum(P, 1));
}}
print(sum(C));
"""


def write(path, a):
    np.savetxt(path, a, delimiter=",", fmt="%.17g")
    with open(path + ".meta", "w") as f:
        json.dump({"numRows": a.shape[0], "numCols": a.shape[1], "valueType": "f64"}, f)


def numpy_kmeans(X, C, iterations):
    for _ in range(iterations):
        D = -2.0 * (X @ C.T) + (C ** 2).sum(axis=1)
        P = (D <= D.min(axis=1, keepdims=True)).astype(np.float64)
        P = P / P.sum(axis=1, keepdims=True)
        C = (P.T @ X) / P.sum(axis=0)[:, None]
    return C


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--cols", type=int, default=100)
    ap.add_argument("--k", type=int, default=8)
    ap.add_argument("--iterations", type=int, default=10)
    a = ap.parse_args()
    rng = np.random.default_rng(12)
    X = rng.random((a.rows, a.cols))
    C0 = rng.random((a.k, a.cols))
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as d:
        write(os.path.join(d, "X.csv"), X)
        write(os.path.join(d, "C.csv"), C0)
        script = os.path.join(d, "kmeans.daph")
        with open(script, "w") as f:
            f.write(SCRIPT.format(x=os.path.join(d, "X.csv"), c=os.path.join(d, "C.csv"),
                                  iterations=a.iterations))
        results = {}
        for name, opts in (("daphne 1 thread", ["--num-threads=1"]),
                           ("daphne 2 threads", ["--num-threads=2"]),
                           ("daphne --distributed", ["--distributed", "--grid-min-cells=0"])):
            p = subprocess.run([DAPHNE] + opts + [script], capture_output=True, text=True, env=env)
            if p.returncode != 0:
                sys.exit(f"{name} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
            results[name] = p.stdout.strip()
    results["numpy"] = "%g" % numpy_kmeans(X, C0, a.iterations).sum()
    for name, v in results.items():
        print(f"{name:22s} {v}")
    if len(set(results.values())) != 1:
        print("differ")
        return 1
    print("agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
