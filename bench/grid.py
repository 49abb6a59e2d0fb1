#!/usr/bin/env python3
"""Runs k-means and linear regression locally and on 2 local workers in one run, and prints the
ratio distributed/local and the bytes moved per k-means iteration.

    python3 bench/grid.py                     # 1,000,000 x 100, k-means 10 iterations
    python3 bench/grid.py --rows 200000       # smaller
    python3 bench/grid.py --repeat 2          # best of 2 runs per configuration
    python3 bench/grid.py --secret-cost 3     # and 3 rounds with / without a grid secret

Each configuration is one `bin/daphne` process; a script prints its own set-up time (generating
the data) and compute time (the k-means loop, the regression), measured with now() inside the
script, so JVM start and connecting to the grid are not in them; `execution_seconds` from --timing
is the whole run. Bytes moved are the payload bytes between the coordinator and the grid (from
--timing): per k-means iteration they are measured as (bytes of a 10-iteration run - bytes of a
1-iteration run) / 9, so set-up traffic cancels out. The workers are started with
deploy/bin/start-workers on free ports and stopped again at the end, also after a failure.
Workers get their whole heap up front (-Xms = -Xmx, as a production worker would) and one
full-size run of each script first, so that member-side JIT warm-up is not charged to the measured
runs (the coordinator JVM is cold in both modes); that first run's compute times on the fresh
members are printed on a line of their own. The CPU model, the core count and the
load average are printed first, and the load average again last: on a shared 2-core box the ratios
move with it. No numpy runs here.
"""
import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile

import benchlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAPHNE = os.path.join(ROOT, "bin", "daphne")


def free_base_port():
    for base in range(20701, 40000, 97):
        ok = True
        for p in (base, base + 1):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", p))
                except OSError:
                    ok = False
        if ok:
            return base
    raise SystemExit("no free ports")


def process_cpu(pid):
    """CPU seconds (user + system) a running process has used so far, 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def worker_pids(env):
    state = env.get("DAPHNE_GRID_STATE", "")
    pids = []
    for name in os.listdir(state) if os.path.isdir(state) else []:
        if name.endswith(".pid"):
            with open(os.path.join(state, name)) as f:
                pids.append(int(f.read().strip() or 0))
    return pids


def run(script, args, env, distributed):
    cmd = [DAPHNE] + (["--distributed"] if distributed else []) + ["--timing", script] + args
    # CPU seconds of the run: the client process and, on the grid, the workers meanwhile (less
    # sensitive to other load on the machine than the wall times)
    pids = worker_pids(env) if distributed else []
    before = sum(process_cpu(p) for p in pids)
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - child.ru_utime) + (after.ru_stime - child.ru_stime)
    cpu += sum(process_cpu(q) for q in pids) - before
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    lines = p.stdout.strip().splitlines()
    timing = json.loads(p.stderr.strip().splitlines()[-1])
    return {
        "output": lines[:-2],
        "setup_s": int(lines[-2]) / 1e3,
        "compute_s": int(lines[-1]) / 1e3,
        "exec_s": timing["execution_seconds"],
        "bytes": timing.get("grid_bytes_sent", 0) + timing.get("grid_bytes_received", 0),
        "cpu_s": cpu,
    }


def best(results):
    return min(results, key=lambda r: r["compute_s"])


def start_grid(env, secret):
    """Starts 2 workers (with the grid secret if given); returns (worker list, env of the grid)."""
    env = dict(env)
    env.pop("DAPHNE_GRID_SECRET", None)
    env.pop("DAPHNE_GRID_SECRET_FILE", None)
    if secret:
        env["DAPHNE_GRID_SECRET"] = secret
    base = free_base_port()
    start = subprocess.run([os.path.join(ROOT, "deploy/bin/start-workers"), "2", str(base)],
                           env=env, capture_output=True, text=True)
    if start.returncode != 0:
        raise SystemExit("start-workers failed:\n" + start.stderr)
    workers = start.stdout.strip().split("=", 1)[1]
    return workers, dict(env, DISTRIBUTED_WORKERS=workers)


def stop_grid(env):
    subprocess.run([os.path.join(ROOT, "deploy/bin/stop-workers")], env=env, capture_output=True)


def grid_runs(env, secret, jobs, repeat):
    """Fresh workers, one full warm-up run of each script, then the best of repeat runs each;
    returns (worker list, results, the warm-up runs' results)."""
    workers, grid_env = start_grid(env, secret)
    try:
        # warm-up: a long-running worker has compiled its kernels; a fresh one has not (the first
        # 1,000,000 x 100 rand on fresh members took 18 s, the third 1.8 s). The warm-up runs the
        # script as measured: after a warm-up of 2 k-means iterations, fresh members on an Intel
        # Xeon ran the measured 10-iteration loop at 3.4-3.6x the local one.
        fresh = {name: run(script, args, grid_env, True) for name, script, args in jobs}
        out = {name: best([run(script, args, grid_env, True) for _ in range(repeat)])
               for name, script, args in jobs}
        if secret is None:
            km = jobs[0]
            out["k-means 1 iteration"] = run(km[1], km[2][:-1] + ["iterations=1"], grid_env, True)
        return workers, out, fresh
    finally:
        stop_grid(grid_env)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cols", type=int, default=100)
    ap.add_argument("--k", type=int, default=8)
    ap.add_argument("--iterations", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--worker-heap", default="6g")
    ap.add_argument("--secret-cost", type=int, default=0, metavar="ROUNDS",
                    help="also run the grid with a grid secret (sealed blocks), alternating with "
                         "runs without one for ROUNDS rounds, and print the ratio")
    a = ap.parse_args()
    benchlib.print_machine()
    state = tempfile.mkdtemp(prefix="daphne-bench-")
    # THP: first touch of fresh heap costs seconds per GiB without it on this VM (bench/run.py).
    # G1's default regions are kept on purpose: 13 MB blocks are then humongous objects, allocated
    # straight into the old generation; with 32 MiB regions every new block was copied by young
    # collections (measured: 20 pauses of 100-380 ms while generating 1,000,000 x 100).
    thp = "-XX:+UseTransparentHugePages"
    env = dict(os.environ, DAPHNE_GRID_STATE=state,
               DAPHNE_WORKER_JVM_ARGS=f"-Xms{a.worker_heap} -Xmx{a.worker_heap} {thp}")
    env.pop("DISTRIBUTED_WORKERS", None)
    env.setdefault("DAPHNE_EXTRA_JVM_ARGS", f"-Xmx8g {thp}")
    local_env = dict(env)
    km = os.path.join(ROOT, "bench", "kmeans.daph")
    lr = os.path.join(ROOT, "bench", "linreg.daph")
    kargs = [f"n={a.rows}", f"m={a.cols}", f"k={a.k}", f"iterations={a.iterations}"]
    largs = [f"n={a.rows}", f"m={a.cols}"]
    jobs = [("k-means", km, kargs), ("linreg", lr, largs)]
    workers, grid, fresh = grid_runs(env, None, jobs, a.repeat)
    rows = []
    for name, script, args in jobs:
        loc = best([run(script, args, local_env, False) for _ in range(a.repeat)])
        dis = grid[name]
        same = "same" if loc["output"] == dis["output"] else "DIFFERENT"
        rows.append((name, loc, dis, same))
    one = grid["k-means 1 iteration"]
    per_it = (grid["k-means"]["bytes"] - one["bytes"]) / max(1, a.iterations - 1)
    print(f"# {a.rows} x {a.cols}, k-means k={a.k} {a.iterations} iterations; 2 workers "
          f"{workers}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'workload':10} {'part':8} {'local s':>8} {'grid s':>8} {'grid/local':>10}  output")
    for name, loc, dis, same in rows:
        for part, key in (("set-up", "setup_s"), ("compute", "compute_s"), ("run", "exec_s"),
                          ("CPU", "cpu_s")):
            ratio = dis[key] / loc[key] if loc[key] > 0 else float("nan")
            print(f"{name:10} {part:8} {loc[key]:8.2f} {dis[key]:8.2f} {ratio:10.2f}  {same}")
    print(f"k-means bytes moved per iteration: {per_it:.0f} "
          f"(centroids {a.k} x {a.cols} f64 = {a.k * a.cols * 8} bytes; "
          f"data {a.rows * a.cols * 8} bytes)")
    print(f"linreg bytes moved: {rows[1][2]['bytes']}")
    print("first run on the fresh workers (the warm-up): " + ", ".join(
        f"{name} compute {fresh[name]['compute_s']:.2f} s" for name, _, _ in jobs))
    if a.secret_cost:
        # the grid secret turns on block seals (docs/security.md); fresh workers for every round,
        # without and with the secret in turn, so that both see the same machine
        plain, sealed = [], []
        for _ in range(a.secret_cost):
            plain.append(grid_runs(env, None, jobs, a.repeat)[1])
            sealed.append(grid_runs(env, os.urandom(24).hex(), jobs, a.repeat)[1])
        print(f"# grid secret cost: {a.secret_cost} rounds, fresh workers each, median seconds "
              f"(CPU: client and both workers, user + system)")
        print(f"{'workload':10} {'part':8} {'no secret':>9} {'secret':>8} {'ratio':>6}  output")
        for name, _, _ in jobs:
            for part, key in (("set-up", "setup_s"), ("compute", "compute_s"), ("run", "exec_s"),
                              ("CPU", "cpu_s")):
                p = sorted(r[name][key] for r in plain)[len(plain) // 2]
                q = sorted(r[name][key] for r in sealed)[len(sealed) // 2]
                same = all(r[name]["output"] == plain[0][name]["output"] for r in plain + sealed)
                print(f"{name:10} {part:8} {p:9.2f} {q:8.2f} {q / p:6.2f}  "
                      f"{'same' if same else 'DIFFERENT'}")
    benchlib.print_load_at_end()


if __name__ == "__main__":
    sys.exit(main())
