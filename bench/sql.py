"""SQL on frames against DuckDB and pandas, in process on both sides.

A 4,000,000-row CSV (a si64 with 1,000 distinct keys, b si64, c f64, d str) and a 1,000-row
dimension CSV are generated (fixed seed). Timed steps:
  read   readFrame / read_csv of the big file
  group  SELECT a, sum(c), count(b) ... GROUP BY a          (1,000 groups)
  join   SELECT f.a, d.e ... JOIN d ON f.a = d.k WHERE f.c > 0.5   (1,000-row dimension)
Our side is one bin/daphne run that takes now() around each step (so JVM start-up is not counted);
the references run in one python3 process each: DuckDB with 2 threads (skipped with a note when the
duckdb package is missing), pandas, and sqlite3 (in memory, single-threaded) as a third point.
Each query's row count is checked against the reference, so a broken engine cannot post a time.

Every engine runs once per round, and the medians over the rounds are compared (the range is
printed beside them). One run each is not enough here: on this kind of virtual machine a process
that starts right after another one that used much memory touches fresh memory far more slowly
(1 GiB took 0.1 s in one process and 2 s in the next; a young collection 150 ms instead of 10),
which alone swung a readFrame between 0.5 and 1.1 s, depending only on which engine had run before
it. So the rounds' orders form a balanced Latin square: over the default number of rounds (one per
engine) every engine runs first once and right after each of the others once.

    python3 bench/sql.py [--rows 4000000] [--keep DIR] [--rounds N]
"""
import argparse
import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

GROUP_SQL = "SELECT f.a, sum(f.c), count(f.b) FROM f GROUP BY f.a"
JOIN_SQL = "SELECT f.a, d.e FROM f JOIN d ON f.a = d.k WHERE f.c > 0.5"

DAPH = """
t0 = now();
f = readFrame("big.csv");
t1 = now();
registerView("f", f);
g = sql("%s;");
t2 = now();
d = readFrame("dim.csv");
registerView("d", d);
t3 = now();
j = sql("%s;");
t4 = now();
print(nrow(g));
print(nrow(j));
print((t1 - t0) / 1000000000.0);
print((t2 - t1) / 1000000000.0);
print((t4 - t3) / 1000000000.0);
""" % (GROUP_SQL, JOIN_SQL)


def write_data(folder, rows):
    rnd = random.Random(42)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    with open(os.path.join(folder, "big.csv"), "w") as out:
        chunk = []
        for i in range(rows):
            chunk.append("%d,%d,%.4f,%s\n" % (rnd.randrange(1000), rnd.randrange(1000000),
                                              rnd.random(), words[rnd.randrange(8)]))
            if len(chunk) == 100000:
                out.write("".join(chunk))
                chunk = []
        out.write("".join(chunk))
    meta = {"numRows": rows, "numCols": 4, "schema": [
        {"label": "a", "valueType": "si64"}, {"label": "b", "valueType": "si64"},
        {"label": "c", "valueType": "f64"}, {"label": "d", "valueType": "str"}]}
    with open(os.path.join(folder, "big.csv.meta"), "w") as f:
        json.dump(meta, f)
    with open(os.path.join(folder, "dim.csv"), "w") as out:
        for k in range(1000):
            out.write("%d,%.3f\n" % (k, k / 7.0))
    with open(os.path.join(folder, "dim.csv.meta"), "w") as f:
        json.dump({"numRows": 1000, "numCols": 2, "schema": [
            {"label": "k", "valueType": "si64"}, {"label": "e", "valueType": "f64"}]}, f)


def run_ours(folder):
    with open(os.path.join(folder, "bench.daph"), "w") as f:
        f.write(DAPH)
    daphne = os.path.join(benchlib.ROOT, "bin", "daphne")
    out = subprocess.run([daphne, "bench.daph"], cwd=folder, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("bin/daphne failed:\n" + out.stderr)
    v = out.stdout.split()
    return {"group_rows": int(v[0]), "join_rows": int(v[1]),
            "read": float(v[2]), "group": float(v[3]), "join": float(v[4])}


REFERENCE = r"""
import json, sys, time
kind, folder = sys.argv[1], sys.argv[2]
big, dim = folder + "/big.csv", folder + "/dim.csv"
res = {}
if kind == "duckdb":
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads=2")
    con.execute("SET enable_progress_bar=false")
    t0 = time.perf_counter()
    con.execute("CREATE TABLE f AS SELECT * FROM read_csv('%s', header=false, columns={'a':'BIGINT','b':'BIGINT','c':'DOUBLE','d':'VARCHAR'})" % big)
    t1 = time.perf_counter()
    g = con.execute(sys.argv[3]).fetchall()
    t2 = time.perf_counter()
    con.execute("CREATE TABLE d AS SELECT * FROM read_csv('%s', header=false, columns={'k':'BIGINT','e':'DOUBLE'})" % dim)
    t3 = time.perf_counter()
    j = con.execute(sys.argv[4]).fetchall()
    t4 = time.perf_counter()
    res = {"group_rows": len(g), "join_rows": len(j)}
elif kind == "pandas":
    import pandas as pd
    t0 = time.perf_counter()
    f = pd.read_csv(big, header=None, names=["a", "b", "c", "d"],
                    dtype={"a": "int64", "b": "int64", "c": "float64", "d": "str"})
    t1 = time.perf_counter()
    g = f.groupby("a", sort=True).agg(s=("c", "sum"), n=("b", "count"))
    t2 = time.perf_counter()
    d = pd.read_csv(dim, header=None, names=["k", "e"])
    t3 = time.perf_counter()
    j = f[f["c"] > 0.5][["a"]].merge(d, left_on="a", right_on="k")[["a", "e"]]
    t4 = time.perf_counter()
    res = {"group_rows": len(g), "join_rows": len(j)}
else:
    import csv, sqlite3
    con = sqlite3.connect(":memory:")
    t0 = time.perf_counter()
    con.execute("CREATE TABLE f (a INTEGER, b INTEGER, c REAL, d TEXT)")
    with open(big) as fh:
        con.executemany("INSERT INTO f VALUES (?, ?, ?, ?)",
                        ((int(a), int(b), float(c), d) for a, b, c, d in csv.reader(fh)))
    t1 = time.perf_counter()
    g = con.execute(sys.argv[3]).fetchall()
    t2 = time.perf_counter()
    con.execute("CREATE TABLE d (k INTEGER, e REAL)")
    with open(dim) as fh:
        con.executemany("INSERT INTO d VALUES (?, ?)", ((int(k), float(e)) for k, e in csv.reader(fh)))
    t3 = time.perf_counter()
    j = con.execute(sys.argv[4]).fetchall()
    t4 = time.perf_counter()
    res = {"group_rows": len(g), "join_rows": len(j)}
res.update(read=t1 - t0, group=t2 - t1, join=t4 - t3)
print(json.dumps(res))
"""


def run_reference(kind, folder):
    out = subprocess.run([sys.executable, "-c", REFERENCE, kind, folder, GROUP_SQL, JOIN_SQL],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(kind + " reference failed:\n" + out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def round_orders(engines, rounds):
    """The engines' order in each round: rows of a balanced Latin square (0, 1, n-1, 2, n-2, ...
    shifted by the round), so that for an even number of engines each one follows each other one
    once in n rounds; further rounds repeat the square."""
    n = len(engines)
    base, lo, hi = [0], 1, n - 1
    while len(base) < n:
        base.append(lo)
        lo += 1
        if len(base) < n:
            base.append(hi)
            hi -= 1
    return [[engines[(b + r) % n] for b in base] for r in range(rounds)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=4000000)
    ap.add_argument("--keep", help="generate into (and keep) this folder")
    ap.add_argument("--rounds", type=int, default=0,
                    help="runs of each engine, medians compared (default: one per engine)")
    args = ap.parse_args()
    benchlib.print_machine()
    folder = args.keep or tempfile.mkdtemp(prefix="daphne-sqlbench")
    os.makedirs(folder, exist_ok=True)
    if not os.path.exists(os.path.join(folder, "big.csv")):
        t = time.perf_counter()
        write_data(folder, args.rows)
        print("data: %d rows generated in %.1f s" % (args.rows, time.perf_counter() - t))
    engines = ["ours"] + [k for k in ("duckdb", "pandas", "sqlite3") if importlib.util.find_spec(k)]
    for kind in ("duckdb", "pandas", "sqlite3"):
        if kind not in engines:
            print("%s: not measured (python3 has no %s package)" % (kind, kind))
    runs = {k: [] for k in engines}
    rounds = args.rounds or len(engines)
    for order in round_orders(engines, rounds):
        for kind in order:
            runs[kind].append(run_ours(folder) if kind == "ours" else run_reference(kind, folder))
    ours = runs["ours"]
    for kind in engines[1:]:
        for key in ("group_rows", "join_rows"):
            for o, ref in zip(ours, runs[kind]):
                if ref[key] != o[key]:
                    sys.exit("row counts differ from %s: %s %d vs %d" % (kind, key, o[key], ref[key]))
    steps = ("read", "group", "join")
    med = {k: {s: statistics.median(x[s] for x in runs[k]) for s in steps} for k in engines}
    print("medians of %d runs each (range):" % rounds)
    print("%-8s %20s %20s %20s" % ("", "read", "group", "join"))
    for kind in engines:
        print("%-8s %s" % (kind, " ".join(
            "%20s" % ("%.3fs (%.3f-%.3f)" % (med[kind][s], min(x[s] for x in runs[kind]),
                                           max(x[s] for x in runs[kind]))) for s in steps)))
    for kind in engines[1:]:
        r = med[kind]
        print("ratio %s/ours (>1: we are faster): read %.2fx, group %.2fx, join %.2fx" % (
            kind, r["read"] / med["ours"]["read"], r["group"] / med["ours"]["group"],
            r["join"] / med["ours"]["join"]))
    benchlib.print_load_at_end()
    if not args.keep:
        import shutil
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
